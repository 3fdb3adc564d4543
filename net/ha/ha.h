/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The home agent role (RFC 6275 sections 8.4 and 10): the home agents
 * this netns serves and their settings.
 */
#ifndef _HMIP_HA_H
#define _HMIP_HA_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "anchor/anchor.h"

struct hmip_net;
struct hmip_tunnel_demux;
struct netlink_ext_ack;
struct sk_buff;

#define HMIP_HA_DEFAULT_PREFIX_LEN	64
#define HMIP_HA_DEFAULT_MAX_LIFETIME	600
#define HMIP_HA_MAX_LIFETIME		(0xffff * 4)
#define HMIP_HA_DEFAULT_MAX_BINDINGS	65536
#define HMIP_HA_MAX_BINDINGS		16777216
/* RFC 6275 section 12: how long a deregistered binding is kept. */
#define HMIP_HA_MAX_DELETE_BCE_TIMEOUT	10

/**
 * struct hmip_ha_net - the home agent role of one netns (&hmip_net.ha)
 * @hn: back pointer
 * @lock: serialises changes to @has
 * @has: the home agents this netns serves (RCU list of &struct hmip_ha)
 * @anchors: their shared part: bindings, hooks, DAD worker (anchor/)
 */
struct hmip_ha_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head has;
	struct hmip_anchor_net anchors;
};

/**
 * struct hmip_ha - one home agent served by this netns
 * @list: in &hmip_ha_net.has (RCU)
 * @anchor: what it shares with a MAP: its address, settings (its home
 *	prefixes in &hmip_anchor_params.home), bindings count, tunnel
 * @rcu: for kfree_rcu()
 */
struct hmip_ha {
	struct list_head list;
	struct hmip_anchor anchor;
	struct rcu_head rcu;
};

int hmip_ha_net_init(struct hmip_net *hn);
void hmip_ha_net_dev_exit(struct hmip_net *hn);
void hmip_ha_net_exit(struct hmip_net *hn);
void hmip_ha_params_default(struct hmip_anchor_params *p);
int hmip_ha_add(struct hmip_net *hn, const struct in6_addr *addr,
		const struct hmip_anchor_params *params,
		const char *tunnel_name, struct netlink_ext_ack *extack);
int hmip_ha_set(struct hmip_net *hn, struct hmip_ha *ha,
		const struct hmip_anchor_params *params,
		struct netlink_ext_ack *extack);
void hmip_ha_del(struct hmip_net *hn, struct hmip_ha *ha);
struct hmip_ha *hmip_ha_lookup(struct hmip_net *hn,
			       const struct in6_addr *addr);

bool hmip_ha_rcv_bu(struct hmip_net *hn, struct sk_buff *skb);
extern const struct hmip_tunnel_demux hmip_ha_demux;

#endif /* _HMIP_HA_H */
