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
#include <linux/types.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"

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

/**
 * struct hmip_map_net - the MAP role of one netns (&hmip_net.map)
 * @hn: back pointer
 * @lock: serialises changes to @maps
 * @maps: the MAPs this netns serves (RCU list of &struct hmip_map)
 * @anchors: their shared part: bindings, hooks, DAD worker (anchor/)
 */
struct hmip_map_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head maps;
	struct hmip_anchor_net anchors;
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
extern const struct hmip_tunnel_demux hmip_map_demux;

#endif /* _HMIP_MAP_H */
