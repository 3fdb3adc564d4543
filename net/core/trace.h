/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip's tracepoints (TRACE_SYSTEM hmip): what perf trace -e 'hmip:*',
 * bpftrace (tracepoint:hmip:*) and tracefs (events/hmip/) see. Each event
 * carries the netns it happened in (its inode number, as "ls -iL
 * /proc/PID/ns/net" shows it). Documentation/tracing.rst lists them.
 *
 * In core/ so that every layer and role may fire them: the arguments are
 * plain values, no layer's structure.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM hmip

#if !defined(_HMIP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _HMIP_TRACE_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/tracepoint.h>
#include <net/net_namespace.h>

/* A Binding Update a MAP or a home agent answered or dropped. */
DECLARE_EVENT_CLASS(hmip_bu,
	TP_PROTO(const struct net *net, u8 role, const struct in6_addr *anchor,
		 const struct in6_addr *rcoa, const struct in6_addr *lcoa,
		 u16 seq, u16 flags, u32 lifetime, u32 granted, int status,
		 const char *reason),
	TP_ARGS(net, role, anchor, rcoa, lcoa, seq, flags, lifetime, granted,
		status, reason),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(u8, role)
		__array(u8, anchor, sizeof(struct in6_addr))
		__array(u8, rcoa, sizeof(struct in6_addr))
		__array(u8, lcoa, sizeof(struct in6_addr))
		__field(u16, seq)
		__field(u16, flags)
		__field(u32, lifetime)
		__field(u32, granted)
		__field(int, status)
		__string(reason, reason)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->role = role;
		memcpy(__entry->anchor, anchor, sizeof(*anchor));
		memcpy(__entry->rcoa, rcoa, sizeof(*rcoa));
		memcpy(__entry->lcoa, lcoa, sizeof(*lcoa));
		__entry->seq = seq;
		__entry->flags = flags;
		__entry->lifetime = lifetime;
		__entry->granted = granted;
		__entry->status = status;
		__assign_str(reason, reason);
	),
	TP_printk("netns=%u role=%s anchor=%pI6c rcoa=%pI6c lcoa=%pI6c seq=%u flags=0x%04x lifetime=%u granted=%u status=%d reason=%s",
		  __entry->netns,
		  __print_symbolic(__entry->role, { 0, "map" }, { 1, "ha" }),
		  __entry->anchor, __entry->rcoa, __entry->lcoa, __entry->seq,
		  __entry->flags, __entry->lifetime, __entry->granted,
		  __entry->status, __get_str(reason))
);

/* Accepted: a binding made, refreshed, moved or deregistered; @reason is
 * the counter that counted it (map_bu_accepted, ha_bu_deregistered...).
 */
DEFINE_EVENT(hmip_bu, hmip_bu_accepted,
	TP_PROTO(const struct net *net, u8 role, const struct in6_addr *anchor,
		 const struct in6_addr *rcoa, const struct in6_addr *lcoa,
		 u16 seq, u16 flags, u32 lifetime, u32 granted, int status,
		 const char *reason),
	TP_ARGS(net, role, anchor, rcoa, lcoa, seq, flags, lifetime, granted,
		status, reason)
);

/* Refused with the Binding Ack's @status, or dropped without an answer
 * (@status -1); @reason is the counter that counted it
 * (map_bu_reject_seq, map_bu_drop_no_ipsec...).
 */
DEFINE_EVENT(hmip_bu, hmip_bu_refused,
	TP_PROTO(const struct net *net, u8 role, const struct in6_addr *anchor,
		 const struct in6_addr *rcoa, const struct in6_addr *lcoa,
		 u16 seq, u16 flags, u32 lifetime, u32 granted, int status,
		 const char *reason),
	TP_ARGS(net, role, anchor, rcoa, lcoa, seq, flags, lifetime, granted,
		status, reason)
);

/* A mobile node's LCoA changed (:: when it has none). */
TRACE_EVENT(hmip_mn_moved,
	TP_PROTO(const struct net *net, int ifindex,
		 const struct in6_addr *old_lcoa,
		 const struct in6_addr *lcoa, u32 moves),
	TP_ARGS(net, ifindex, old_lcoa, lcoa, moves),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(int, ifindex)
		__array(u8, old_lcoa, sizeof(struct in6_addr))
		__array(u8, lcoa, sizeof(struct in6_addr))
		__field(u32, moves)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->ifindex = ifindex;
		memcpy(__entry->old_lcoa, old_lcoa, sizeof(*old_lcoa));
		memcpy(__entry->lcoa, lcoa, sizeof(*lcoa));
		__entry->moves = moves;
	),
	TP_printk("netns=%u ifindex=%d old_lcoa=%pI6c lcoa=%pI6c moves=%u",
		  __entry->netns, __entry->ifindex, __entry->old_lcoa,
		  __entry->lcoa, __entry->moves)
);

/* A mobile node sent a local Binding Update (@err: its send's error). */
TRACE_EVENT(hmip_mn_bu_sent,
	TP_PROTO(const struct net *net, int ifindex, const struct in6_addr *map,
		 const struct in6_addr *rcoa, const struct in6_addr *lcoa,
		 u16 seq, u32 lifetime, u32 retries, int err),
	TP_ARGS(net, ifindex, map, rcoa, lcoa, seq, lifetime, retries, err),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(int, ifindex)
		__array(u8, map, sizeof(struct in6_addr))
		__array(u8, rcoa, sizeof(struct in6_addr))
		__array(u8, lcoa, sizeof(struct in6_addr))
		__field(u16, seq)
		__field(u32, lifetime)
		__field(u32, retries)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->ifindex = ifindex;
		memcpy(__entry->map, map, sizeof(*map));
		memcpy(__entry->rcoa, rcoa, sizeof(*rcoa));
		memcpy(__entry->lcoa, lcoa, sizeof(*lcoa));
		__entry->seq = seq;
		__entry->lifetime = lifetime;
		__entry->retries = retries;
		__entry->err = err;
	),
	TP_printk("netns=%u ifindex=%d map=%pI6c rcoa=%pI6c lcoa=%pI6c seq=%u lifetime=%u retries=%u err=%d",
		  __entry->netns, __entry->ifindex, __entry->map,
		  __entry->rcoa, __entry->lcoa, __entry->seq,
		  __entry->lifetime, __entry->retries, __entry->err)
);

/* A mobile node's worker took a Binding Acknowledgment from a MAP. */
TRACE_EVENT(hmip_mn_ba_received,
	TP_PROTO(const struct net *net, int ifindex, const struct in6_addr *map,
		 const struct in6_addr *rcoa, u8 status, u16 seq,
		 u32 lifetime),
	TP_ARGS(net, ifindex, map, rcoa, status, seq, lifetime),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(int, ifindex)
		__array(u8, map, sizeof(struct in6_addr))
		__array(u8, rcoa, sizeof(struct in6_addr))
		__field(u8, status)
		__field(u16, seq)
		__field(u32, lifetime)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->ifindex = ifindex;
		memcpy(__entry->map, map, sizeof(*map));
		memcpy(__entry->rcoa, rcoa, sizeof(*rcoa));
		__entry->status = status;
		__entry->seq = seq;
		__entry->lifetime = lifetime;
	),
	TP_printk("netns=%u ifindex=%d map=%pI6c rcoa=%pI6c status=%u seq=%u lifetime=%u",
		  __entry->netns, __entry->ifindex, __entry->map,
		  __entry->rcoa, __entry->status, __entry->seq,
		  __entry->lifetime)
);

/* An access router put a MAP option into an outgoing advertisement. */
TRACE_EVENT(hmip_ar_map_opt,
	TP_PROTO(const struct net *net, int ifindex, const struct in6_addr *map,
		 u8 dist, u8 pref, bool rflag, u32 valid_lifetime),
	TP_ARGS(net, ifindex, map, dist, pref, rflag, valid_lifetime),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(int, ifindex)
		__array(u8, map, sizeof(struct in6_addr))
		__field(u8, dist)
		__field(u8, pref)
		__field(u8, rflag)
		__field(u32, valid_lifetime)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		__entry->ifindex = ifindex;
		memcpy(__entry->map, map, sizeof(*map));
		__entry->dist = dist;
		__entry->pref = pref;
		__entry->rflag = rflag;
		__entry->valid_lifetime = valid_lifetime;
	),
	TP_printk("netns=%u ifindex=%d map=%pI6c dist=%u pref=%u rflag=%u valid_lifetime=%u",
		  __entry->netns, __entry->ifindex, __entry->map,
		  __entry->dist, __entry->pref, __entry->rflag,
		  __entry->valid_lifetime)
);

/* A tunnel device dropped a packet; @reason is the counter that counted
 * it; @saddr and @daddr are the inner packet's, @remote the outer
 * destination (:: on receive).
 */
TRACE_EVENT(hmip_tunnel_drop,
	TP_PROTO(const struct net_device *dev, const char *reason,
		 const struct in6_addr *saddr, const struct in6_addr *daddr,
		 const struct in6_addr *remote, unsigned int len),
	TP_ARGS(dev, reason, saddr, daddr, remote, len),
	TP_STRUCT__entry(
		__field(u32, netns)
		__string(dev, dev->name)
		__string(reason, reason)
		__array(u8, saddr, sizeof(struct in6_addr))
		__array(u8, daddr, sizeof(struct in6_addr))
		__array(u8, remote, sizeof(struct in6_addr))
		__field(unsigned int, len)
	),
	TP_fast_assign(
		__entry->netns = dev_net(dev)->ns.inum;
		__assign_str(dev, dev->name);
		__assign_str(reason, reason);
		memcpy(__entry->saddr, saddr, sizeof(*saddr));
		memcpy(__entry->daddr, daddr, sizeof(*daddr));
		memcpy(__entry->remote, remote, sizeof(*remote));
		__entry->len = len;
	),
	TP_printk("netns=%u dev=%s reason=%s saddr=%pI6c daddr=%pI6c remote=%pI6c len=%u",
		  __entry->netns, __get_str(dev), __get_str(reason),
		  __entry->saddr, __entry->daddr, __entry->remote,
		  __entry->len)
);

/* A Fast Binding Update a MAP answered or dropped (RFC 5568 6.2.2). */
DECLARE_EVENT_CLASS(hmip_map_fbu,
	TP_PROTO(const struct net *net, const struct in6_addr *map,
		 const struct in6_addr *rcoa, const struct in6_addr *src,
		 const struct in6_addr *ncoa, u16 seq, int status,
		 const char *reason),
	TP_ARGS(net, map, rcoa, src, ncoa, seq, status, reason),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(u8, map, sizeof(struct in6_addr))
		__array(u8, rcoa, sizeof(struct in6_addr))
		__array(u8, src, sizeof(struct in6_addr))
		__array(u8, ncoa, sizeof(struct in6_addr))
		__field(u16, seq)
		__field(int, status)
		__string(reason, reason)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		memcpy(__entry->map, map, sizeof(*map));
		memcpy(__entry->rcoa, rcoa, sizeof(*rcoa));
		memcpy(__entry->src, src, sizeof(*src));
		memcpy(__entry->ncoa, ncoa, sizeof(*ncoa));
		__entry->seq = seq;
		__entry->status = status;
		__assign_str(reason, reason);
	),
	TP_printk("netns=%u map=%pI6c rcoa=%pI6c src=%pI6c ncoa=%pI6c seq=%u status=%d reason=%s",
		  __entry->netns, __entry->map, __entry->rcoa, __entry->src,
		  __entry->ncoa, __entry->seq, __entry->status,
		  __get_str(reason))
);

/* Accepted: the binding moved to the NCoA (FBack status 0). */
DEFINE_EVENT(hmip_map_fbu, hmip_map_fbu_accepted,
	TP_PROTO(const struct net *net, const struct in6_addr *map,
		 const struct in6_addr *rcoa, const struct in6_addr *src,
		 const struct in6_addr *ncoa, u16 seq, int status,
		 const char *reason),
	TP_ARGS(net, map, rcoa, src, ncoa, seq, status, reason)
);

/* Refused with the FBack's @status, dropped without an answer (-1), or
 * held for the access router's answer (-115, map_fbu_held).
 */
DEFINE_EVENT(hmip_map_fbu, hmip_map_fbu_refused,
	TP_PROTO(const struct net *net, const struct in6_addr *map,
		 const struct in6_addr *rcoa, const struct in6_addr *src,
		 const struct in6_addr *ncoa, u16 seq, int status,
		 const char *reason),
	TP_ARGS(net, map, rcoa, src, ncoa, seq, status, reason)
);

/* A MAP sent a Handover Initiate (@retries before it; @err the send's). */
TRACE_EVENT(hmip_map_hi_sent,
	TP_PROTO(const struct net *net, const struct in6_addr *map,
		 const struct in6_addr *ar, const struct in6_addr *rcoa,
		 const struct in6_addr *pcoa, const struct in6_addr *ncoa,
		 u16 seq, u8 flags, u8 code, u8 retries, int err),
	TP_ARGS(net, map, ar, rcoa, pcoa, ncoa, seq, flags, code, retries,
		err),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(u8, map, sizeof(struct in6_addr))
		__array(u8, ar, sizeof(struct in6_addr))
		__array(u8, rcoa, sizeof(struct in6_addr))
		__array(u8, pcoa, sizeof(struct in6_addr))
		__array(u8, ncoa, sizeof(struct in6_addr))
		__field(u16, seq)
		__field(u8, flags)
		__field(u8, code)
		__field(u8, retries)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		memcpy(__entry->map, map, sizeof(*map));
		memcpy(__entry->ar, ar, sizeof(*ar));
		memcpy(__entry->rcoa, rcoa, sizeof(*rcoa));
		memcpy(__entry->pcoa, pcoa, sizeof(*pcoa));
		memcpy(__entry->ncoa, ncoa, sizeof(*ncoa));
		__entry->seq = seq;
		__entry->flags = flags;
		__entry->code = code;
		__entry->retries = retries;
		__entry->err = err;
	),
	TP_printk("netns=%u map=%pI6c ar=%pI6c rcoa=%pI6c pcoa=%pI6c ncoa=%pI6c seq=%u flags=0x%02x code=%u retries=%u err=%d",
		  __entry->netns, __entry->map, __entry->ar, __entry->rcoa,
		  __entry->pcoa, __entry->ncoa, __entry->seq, __entry->flags,
		  __entry->code, __entry->retries, __entry->err)
);

/* A Handover Acknowledge reached a MAP (@code -1: none came, the HI
 * timed out); @reason is the counter that counted it.
 */
TRACE_EVENT(hmip_map_hack_received,
	TP_PROTO(const struct net *net, const struct in6_addr *map,
		 const struct in6_addr *ar, u16 seq, int code,
		 const char *reason),
	TP_ARGS(net, map, ar, seq, code, reason),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(u8, map, sizeof(struct in6_addr))
		__array(u8, ar, sizeof(struct in6_addr))
		__field(u16, seq)
		__field(int, code)
		__string(reason, reason)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		memcpy(__entry->map, map, sizeof(*map));
		memcpy(__entry->ar, ar, sizeof(*ar));
		__entry->seq = seq;
		__entry->code = code;
		__assign_str(reason, reason);
	),
	TP_printk("netns=%u map=%pI6c ar=%pI6c seq=%u code=%d reason=%s",
		  __entry->netns, __entry->map, __entry->ar, __entry->seq,
		  __entry->code, __get_str(reason))
);

#endif /* _HMIP_TRACE_H */

/* define_trace.h finds this file as core/trace.h through -I net/ */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH core
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
