/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The access router role (RFC 4140 sections 5, 7.1 and 10): MAP options
 * added to the router advertisements that leave configured interfaces,
 * options learned from upstream advertisements and relayed downstream,
 * and MAP failure detection.
 */
#ifndef _HMIP_AR_H
#define _HMIP_AR_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/hmip.h>

#include "nd/fmip.h"
#include "nd/map_opt.h"

struct hmip_net;
struct netlink_ext_ack;

#define HMIP_AR_DEFAULT_DIST		1
#define HMIP_AR_DEFAULT_PREF		10
#define HMIP_AR_DEFAULT_LIFETIME	3600
#define HMIP_AR_DEFAULT_PROBE_MS	10000
#define HMIP_AR_DEFAULT_RETRY_MS	5000
#define HMIP_AR_DEFAULT_RETRY_TIME_MS	15000
#define HMIP_AR_MIN_INTERVAL_MS		100
#define HMIP_AR_MAX_INTERVAL_MS		3600000
/* Options one router advertisement can carry from us, and learned options
 * a netns keeps: both bound the work and memory a sender upstream causes.
 */
#define HMIP_AR_MAX_RA_OPTS		16
#define HMIP_AR_MAX_LEARNED		64
/* A learned option with valid lifetime 0 (a failed MAP) is relayed with
 * lifetime 0 for this long after it was last heard.
 */
#define HMIP_AR_ZERO_HOLD		(60 * HZ)
/* Neighbouring access routers a netns describes (FMIPv6): bounds the
 * configuration, and with it the size of a wildcard answer.
 */
#define HMIP_AR_MAX_NBRS		64
/* Fast handovers at the new access router (RFC 5568 section 5.4): what
 * one NCoA's buffer holds by default (a flow of 1000 packets/s over a
 * 200 ms outage is 200, with room to spare), the NCoAs one MAP option
 * buffers for at once, and how long packets wait for their mobile node.
 */
#define HMIP_AR_DEFAULT_BUF_PACKETS	512
#define HMIP_AR_MAX_BUF_PACKETS		65536
#define HMIP_AR_DEFAULT_BUF_ENTRIES	64
#define HMIP_AR_MAX_BUF_ENTRIES		4096
#define HMIP_AR_DEFAULT_BUF_LIFETIME_MS	2000
#define HMIP_AR_MIN_BUF_LIFETIME_MS	100
#define HMIP_AR_MAX_BUF_LIFETIME_MS	60000
/* Section 5.4: at most this many buffered packets back to back. */
#define HMIP_AR_BUF_BURST		5
#define HMIP_AR_BUF_HASH_BITS		6

/**
 * struct hmip_ar_watch - settings of MAP failure detection
 * @enabled: send echo requests to the MAP
 * @probe_ms: interval while the MAP answers
 * @retry_ms: interval after an echo request went unanswered
 * @retry_time_ms: how long to retry before declaring the MAP failed
 */
struct hmip_ar_watch {
	bool enabled;
	u32 probe_ms;
	u32 retry_ms;
	u32 retry_time_ms;
};

/**
 * struct hmip_ar_hi_cfg - an option's settings as a new access router
 * @require_ipsec: take a Handover Initiate only under IPsec
 * @buf_packets: packets held for one NCoA
 * @buf_entries: NCoAs buffered for at once
 * @buf_lifetime_ms: how long packets wait for the mobile node
 */
struct hmip_ar_hi_cfg {
	bool require_ipsec;
	u32 buf_packets;
	u32 buf_entries;
	u32 buf_lifetime_ms;
};

/**
 * struct hmip_ar_opt - a MAP option configured on an interface
 * @list: in &hmip_ar.opts (RCU)
 * @hn: the netns's state, for the worker
 * @ifindex: the interface whose router advertisements carry it
 * @info: what the option says; its fields change one by one under
 *	&hmip_ar.lock (WRITE_ONCE), readers hold RCU
 * @watch: failure detection settings, under &hmip_ar.lock
 * @state: &enum hmip_ar_watch_state; written by the worker
 * @last_probe: jiffies of the last echo request
 * @last_reply: jiffies of the last echo reply from the MAP
 * @retry_start: jiffies the first echo request went unanswered
 * @seq: sequence number of the next echo request
 * @work: the failure detection worker
 * @hi: new access router settings; fields change one by one under
 *	&hmip_ar.lock (WRITE_ONCE), readers hold RCU
 * @n_bufs: buffer entries of this option, under &hmip_ar.buf_lock
 * @buf_dead: the option is going: no buffer entry is made for it any
 *	more (under &hmip_ar.buf_lock)
 * @rcu: for kfree_rcu()
 */
struct hmip_ar_opt {
	struct list_head list;
	struct hmip_net *hn;
	int ifindex;
	struct hmip_map_info info;
	struct hmip_ar_watch watch;
	u8 state;
	unsigned long last_probe;
	unsigned long last_reply;
	unsigned long retry_start;
	u16 seq;
	struct delayed_work work;
	struct hmip_ar_hi_cfg hi;
	unsigned int n_bufs;
	bool buf_dead;
	struct rcu_head rcu;
};

/**
 * struct hmip_ar_relay - relay options heard on @from onto @ifindex
 * @list: in &hmip_ar.relays (RCU)
 * @ifindex: the downstream interface
 * @from: the upstream interface
 * @rcu: for kfree_rcu()
 */
struct hmip_ar_relay {
	struct list_head list;
	int ifindex;
	int from;
	struct rcu_head rcu;
};

/**
 * struct hmip_ar_learned - a MAP option heard on an upstream interface
 * @list: in &hmip_ar.learned (RCU, written under &hmip_ar.learned_lock)
 * @from: the interface it was heard on
 * @info: as received; its fields change one by one (WRITE_ONCE)
 * @heard: jiffies it was last heard
 * @rcu: for kfree_rcu()
 */
struct hmip_ar_learned {
	struct list_head list;
	int from;
	struct hmip_map_info info;
	unsigned long heard;
	struct rcu_head rcu;
};

/**
 * struct hmip_ar_nbr - a neighbouring access router (RFC 5568 section 3.1)
 * @list: in &hmip_ar.nbrs (RCU); replaced whole when changed
 * @ifindex: the interface whose mobile nodes may move to it
 * @addr: its global address (the NAR's IP address of a PrRtAdv)
 * @prefix: the prefix it advertises on its link
 * @plen: its length
 * @ap: the link-layer address of its access point: the identifier a
 *	RtSolPr names
 * @ap_len: octets of @ap
 * @lla: its own link-layer address on its link, sent when @lla_len is set
 * @lla_len: octets of @lla, or 0
 * @rcu: for kfree_rcu()
 */
struct hmip_ar_nbr {
	struct list_head list;
	int ifindex;
	struct in6_addr addr;
	struct in6_addr prefix;
	u8 plen;
	u8 ap[HMIP_FMIP_LLA_MAX];
	u8 ap_len;
	u8 lla[HMIP_FMIP_LLA_MAX];
	u8 lla_len;
	struct rcu_head rcu;
};

/**
 * struct hmip_ar_ra_set - the MAP options one advertisement gets
 * @n: entries in @info
 * @dropped: options left out for lack of room in @info
 * @info: the options
 */
struct hmip_ar_ra_set {
	unsigned int n;
	unsigned int dropped;
	struct hmip_map_info info[HMIP_AR_MAX_RA_OPTS];
};

/**
 * hmip_ar_own_put_t - takes one of this node's own MAP options
 * @ctx: the caller's
 * @addr: the MAP's address
 * @ifindex: the interface it serves
 * @pref: its preference
 * @rfc: the MAP's %HMIP_RFC_4140 or %HMIP_RFC_5380: which rule gives the
 *	option's valid lifetime
 */
typedef void (*hmip_ar_own_put_t)(void *ctx, const struct in6_addr *addr,
				  int ifindex, u8 pref, u16 rfc);

/* Under RCU: @put for every MAP of the node. */
typedef void (*hmip_ar_own_collect_t)(struct hmip_net *hn,
				      hmip_ar_own_put_t put, void *ctx);

/**
 * struct hmip_ar - the access router state of a netns (&hmip_net.ar)
 * @lock: serialises configuration changes
 * @opts: configured options, &struct hmip_ar_opt
 * @relays: &struct hmip_ar_relay
 * @learned_lock: serialises changes to @learned (packet path)
 * @learned: &struct hmip_ar_learned
 * @n_learned: entries in @learned
 * @hook_lock: serialises @hook_users
 * @hook_users: configured entries and MAPs: the hooks are registered
 *	while there is one
 * @hooks: POST_ROUTING (adds the options) and LOCAL_IN (learns options,
 *	sees echo replies)
 * @echo_id: identifier of this netns's echo requests
 * @netdev_nb: removes the entries of interfaces that leave the netns
 * @hn: back pointer for the notifier
 * @own_collect: lists the MAPs this node serves, whose options its own
 *	advertisements carry: set once by the MAP role's per-netns init, so
 *	that the access router reads no other role's state
 * @rfc: %HMIP_RFC_4140 or %HMIP_RFC_5380, under @lock: relays (dynamic MAP
 *	discovery) exist only with 4140
 * @nbrs: neighbouring access routers, &struct hmip_ar_nbr (FMIPv6)
 * @n_nbrs: entries in @nbrs, under @lock
 * @buf_lock: the buffer entries, their packets and timers (BHs off)
 * @buf_hash: &struct hmip_ar_buf by NCoA (RCU, written under @buf_lock)
 * @buf_seed: the hash's key
 * @n_bufs: entries in @buf_hash: the forward hook's fast path
 * @buf_gc: entries that ended, under @buf_lock, for @buf_gc_work
 * @buf_gc_work: frees them once their timers are over
 * @fwd_hook: FORWARD, which holds packets for buffered NCoAs
 * @fwd_users: configured MAP options, under @lock: the forward hook is
 *	registered while there is one
 */
struct hmip_ar {
	struct mutex lock;	/* see above */
	struct list_head opts;
	struct list_head relays;
	spinlock_t learned_lock;	/* see above */
	struct list_head learned;
	unsigned int n_learned;
	struct mutex hook_lock;	/* see above */
	unsigned int hook_users;
	struct nf_hook_ops hooks[2];
	u16 echo_id;
	struct notifier_block netdev_nb;
	struct hmip_net *hn;
	hmip_ar_own_collect_t own_collect;
	u16 rfc;
	struct list_head nbrs;
	unsigned int n_nbrs;
	spinlock_t buf_lock;	/* see above */
	struct hlist_head buf_hash[1 << HMIP_AR_BUF_HASH_BITS];
	u32 buf_seed;
	atomic_t n_bufs;
	struct list_head buf_gc;
	struct work_struct buf_gc_work;
	struct nf_hook_ops fwd_hook;
	unsigned int fwd_users;
};

/* ar.c: configuration */
int hmip_ar_net_init(struct hmip_net *hn);
void hmip_ar_net_exit(struct hmip_net *hn);
void hmip_ar_own_register(struct hmip_net *hn, hmip_ar_own_collect_t fn);
int hmip_ar_hooks_get(struct hmip_net *hn);
void hmip_ar_hooks_put(struct hmip_net *hn);
void hmip_ar_opt_defaults(struct hmip_map_info *info,
			  struct hmip_ar_watch *watch, struct hmip_ar_hi_cfg *hi);
struct hmip_ar_opt *hmip_ar_opt_lookup(struct hmip_net *hn, int ifindex,
				       const struct in6_addr *addr);
int hmip_ar_opt_add(struct hmip_net *hn, int ifindex,
		    const struct hmip_map_info *info,
		    const struct hmip_ar_watch *watch,
		    const struct hmip_ar_hi_cfg *hi);
void hmip_ar_opt_set(struct hmip_net *hn, struct hmip_ar_opt *opt,
		     const struct hmip_map_info *info,
		     const struct hmip_ar_watch *watch,
		     const struct hmip_ar_hi_cfg *hi);
void hmip_ar_opt_del(struct hmip_net *hn, struct hmip_ar_opt *opt);
struct hmip_ar_relay *hmip_ar_relay_lookup(struct hmip_net *hn, int ifindex,
					   int from);
int hmip_ar_relay_add(struct hmip_net *hn, int ifindex, int from);
void hmip_ar_relay_del(struct hmip_net *hn, struct hmip_ar_relay *relay);
bool hmip_ar_dev_exists(struct hmip_net *hn, int ifindex);
u32 hmip_ar_opt_lifetime(const struct hmip_ar_opt *opt);
u32 hmip_ar_learned_remaining(const struct hmip_ar_learned *l);

/* ra.c: the packet path */
unsigned int hmip_ar_ra_out(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state);
unsigned int hmip_ar_ra_in(void *priv, struct sk_buff *skb,
			   const struct nf_hook_state *state);
void hmip_ar_ra_flush(struct hmip_net *hn, int from);
void hmip_ar_ra_collect(struct hmip_net *hn, int ifindex,
			struct hmip_ar_ra_set *set);

/* fmip.c: neighbouring access routers, RtSolPr and PrRtAdv */
struct hmip_ar_nbr *hmip_ar_nbr_lookup(struct hmip_net *hn, int ifindex,
				       const struct in6_addr *addr);
int hmip_ar_nbr_add(struct hmip_net *hn, const struct hmip_ar_nbr *tmpl);
struct hmip_ar_nbr *hmip_ar_nbr_set(struct hmip_net *hn,
				    struct hmip_ar_nbr *old,
				    const struct hmip_ar_nbr *tmpl);
void hmip_ar_nbr_del(struct hmip_net *hn, struct hmip_ar_nbr *nbr);
void hmip_ar_fmip_rcv(struct hmip_net *hn, struct sk_buff *skb,
		      const struct hmip_nd_msg *msg, struct net_device *dev);
int hmip_ar_fmip_prepare(struct hmip_net *hn, struct net_device *dev,
			 const struct in6_addr *mn,
			 const struct hmip_ar_nbr *nbr);

/* hi.c: Handover Initiate and Acknowledge (the new access router) */
void hmip_ar_hi_rcv(struct hmip_net *hn, struct sk_buff *skb);

/* buffer.c: packets held for an NCoA until its mobile node arrives */
void hmip_ar_buffer_net_init(struct hmip_ar *ar);
void hmip_ar_buffer_net_exit(struct hmip_ar *ar);
int hmip_ar_buffer_start(struct hmip_net *hn);
void hmip_ar_buffer_stop(struct hmip_net *hn);
int hmip_ar_buffer_add(struct hmip_net *hn, struct hmip_ar_opt *opt,
		       int ifindex, const struct in6_addr *ncoa,
		       const u8 *lla, unsigned int lla_len);
void hmip_ar_buffer_flush(struct hmip_net *hn, struct hmip_ar_opt *opt);
void hmip_ar_buffer_una(struct hmip_net *hn, struct sk_buff *skb,
			const struct hmip_nd_msg *msg, struct net_device *dev);

/* watch.c: MAP failure detection */
void hmip_ar_watch_start(struct hmip_ar_opt *opt);
void hmip_ar_watch_stop(struct hmip_ar_opt *opt);
void hmip_ar_watch_work(struct work_struct *work);
void hmip_ar_watch_reply(struct hmip_net *hn, const struct in6_addr *from);

#endif /* _HMIP_AR_H */
