/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mobility Anchor Point role (RFC 4140 section 6.2): the MAPs this
 * netns serves and their settings.
 */
#ifndef _HMIP_MAP_H
#define _HMIP_MAP_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "mh/xfrm.h"

struct hmip_net;
struct hmip_tunnel_demux;
struct netlink_ext_ack;
struct sk_buff;

#define HMIP_MAP_PREFIX_LEN		64
#define HMIP_MAP_DEFAULT_PREF		10
#define HMIP_MAP_DEFAULT_MAX_LIFETIME	600
#define HMIP_MAP_MAX_LIFETIME		(0xffff * 4)
#define HMIP_MAP_DEFAULT_MAX_BINDINGS	65536
#define HMIP_MAP_MAX_BINDINGS		16777216
#define HMIP_MAP_DEFAULT_BICAST_MS	1000
#define HMIP_MAP_MAX_BICAST_MS		10000
/* The first Handover Initiate's retransmission timeout (RFC 5568 6.2.1.1,
 * section 9: the implementation's choice while the round trip is not
 * known): 100 ms by default, longer for a slow or distant router.
 */
#define HMIP_MAP_DEFAULT_HI_TIMEOUT_MS	100
#define HMIP_MAP_MIN_HI_TIMEOUT_MS	10
#define HMIP_MAP_MAX_HI_TIMEOUT_MS	10000
/* Fast Binding Updates held for a Handover Acknowledge, per netns: each
 * needs a binding and its security association, this bounds them all.
 */
#define HMIP_MAP_MAX_HI			1024
#define HMIP_MAP_HI_HASH_BITS		8
/* The longest mobile node link-layer address an HI carries (EUI-64 and
 * shorter; IEEE 802 addresses are 6 octets).
 */
#define HMIP_MAP_LLA_MAX		16

/**
 * struct hmip_map_net - the MAP role of one netns (&hmip_net.map)
 * @hn: back pointer
 * @lock: serialises changes to @maps
 * @maps: the MAPs this netns serves (RCU list of &struct hmip_map)
 * @anchors: their shared part: bindings, hooks, DAD worker (anchor/)
 * @hi_lock: the held Fast Binding Updates (map/hi.c); nests inside the
 *	binding cache's lock
 * @hi_rcoa: they by RCoA, one per binding
 * @hi_seq: they by their Handover Initiate's sequence number
 * @n_hi: how many
 * @hi_next_seq: the next Handover Initiate's sequence number
 * @hi_timer: their retransmissions and timeouts
 */
struct hmip_map_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head maps;
	struct hmip_anchor_net anchors;
	spinlock_t hi_lock;	/* see above */
	struct hlist_head hi_rcoa[1 << HMIP_MAP_HI_HASH_BITS];
	struct hlist_head hi_seq[1 << HMIP_MAP_HI_HASH_BITS];
	unsigned int n_hi;
	u16 hi_next_seq;
	struct timer_list hi_timer;
};

/**
 * struct hmip_map_fbu - a Fast Binding Update as the MAP checks it
 * @rcoa: the RCoA (the Home Address option's)
 * @src: the care-of address it came from: the PCoA (predictive), or the
 *	NCoA (reactive, RFC 5568 section 3.3)
 * @pcoa: the binding's LCoA when it was checked
 * @ncoa: the new LCoA (the Alternate Care-of Address option's)
 * @dst: the MAP's address
 * @sa: the IPsec SA that carried it (require-ipsec on)
 * @seq: its sequence number
 * @flags: its flags
 * @lla_len: octets in @lla, 0 without a Link-Layer Address option
 * @lla: the mobile node's link-layer address (RFC 5568 6.4.4, code 2)
 * @reactive: sent from the NCoA: the binding moves at once
 */
struct hmip_map_fbu {
	struct in6_addr rcoa;
	struct in6_addr src;
	struct in6_addr pcoa;
	struct in6_addr ncoa;
	struct in6_addr dst;
	struct hmip_sa_id sa;
	u16 seq;
	u16 flags;
	u8 lla_len;
	u8 lla[HMIP_MAP_LLA_MAX];
	bool reactive;
};

/**
 * struct hmip_map - one MAP served by this netns
 * @list: in &hmip_map_net.maps (RCU)
 * @anchor: what it shares with a home agent: its address (whose /64 is
 *	the RCoA prefix), settings, bindings count, tunnel
 * @rcu: for kfree_rcu()
 */
struct hmip_map {
	struct list_head list;
	struct hmip_anchor anchor;
	struct rcu_head rcu;
};

int hmip_map_net_init(struct hmip_net *hn);
void hmip_map_net_dev_exit(struct hmip_net *hn);
void hmip_map_net_exit(struct hmip_net *hn);
void hmip_map_params_default(struct hmip_anchor_params *p);
int hmip_map_add(struct hmip_net *hn, const struct in6_addr *addr,
		 const struct hmip_anchor_params *params,
		 const char *tunnel_name, struct netlink_ext_ack *extack);
int hmip_map_set(struct hmip_net *hn, struct hmip_map *map,
		 const struct hmip_anchor_params *params);
void hmip_map_del(struct hmip_net *hn, struct hmip_map *map);

struct hmip_map *hmip_map_lookup(struct hmip_net *hn,
				 const struct in6_addr *addr);
struct hmip_map *hmip_map_lookup_prefix(struct hmip_net *hn,
					const struct in6_addr *addr);

void hmip_map_rcv_bu(struct hmip_net *hn, struct sk_buff *skb);
void hmip_map_rcv_fbu(struct hmip_net *hn, struct sk_buff *skb);
void hmip_map_fbu_confirmed(struct hmip_net *hn,
			    const struct hmip_map_fbu *f, int code);

/* hi.c */
void hmip_map_hi_net_init(struct hmip_map_net *mn);
void hmip_map_hi_net_exit(struct hmip_map_net *mn);
const struct hmip_anchor_ar *
hmip_map_hi_ar(const struct hmip_anchor_params *p, const struct in6_addr *ncoa);
int hmip_map_hi_start(struct hmip_net *hn, const struct hmip_map_fbu *f,
		      const struct hmip_anchor_ar *ar, u32 timeout_ms);
void hmip_map_hi_cancel(struct hmip_net *hn, const struct in6_addr *rcoa);
unsigned int hmip_map_hi_count(struct hmip_net *hn, const struct hmip_map *map);
void hmip_map_rcv_hack(struct hmip_net *hn, struct sk_buff *skb);
extern const struct hmip_tunnel_demux hmip_map_demux;

#endif /* _HMIP_MAP_H */
