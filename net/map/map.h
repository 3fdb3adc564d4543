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
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/hmip.h>

#include "anchor/bcache.h"

struct hmip_net;
struct net_device;
struct netlink_ext_ack;
struct xfrm_state;

#define HMIP_MAP_PREFIX_LEN		64
#define HMIP_MAP_MAX_PREFIXES		16
#define HMIP_MAP_DEFAULT_PREF		10
#define HMIP_MAP_DEFAULT_MAX_LIFETIME	600
#define HMIP_MAP_MAX_LIFETIME		(0xffff * 4)
#define HMIP_MAP_DEFAULT_MAX_BINDINGS	65536
#define HMIP_MAP_MAX_BINDINGS		16777216

struct hmip_prefix {
	struct in6_addr addr;
	u8 len;
};

/**
 * struct hmip_map_params - what the administrator configures
 * @ifindex: interface on the MAP's link
 * @pref: preference, 0-15
 * @max_lifetime: longest lifetime granted, seconds
 * @max_bindings: most bindings held at once
 * @require_ipsec: accept only IPsec-protected Binding Updates
 * @require_altcoa: refuse one that ESP protected without an Alternate
 *	Care-of Address option (RFC 4877 section 4.1)
 * @mode: &enum hmip_map_mode, how packets for the RCoAs reach the MAP
 * @n_onlink: entries in @onlink
 * @n_forward: entries in @forward
 * @onlink: prefixes a new binding's LCoA must lie in (none: any)
 * @forward: further prefixes an existing binding may move to (section 8)
 * @rcu: for kfree_rcu() when replaced
 */
struct hmip_map_params {
	int ifindex;
	u8 pref;
	u32 max_lifetime;
	u32 max_bindings;
	bool require_ipsec;
	bool require_altcoa;
	u8 mode;
	u8 n_onlink;
	u8 n_forward;
	struct hmip_prefix onlink[HMIP_MAP_MAX_PREFIXES];
	struct hmip_prefix forward[HMIP_MAP_MAX_PREFIXES];
	struct rcu_head rcu;
};

/**
 * struct hmip_map_net - the MAP role of one netns (&hmip_net.map)
 * @hn: back pointer for the workers and the cache's callbacks
 * @lock: serialises changes to @maps
 * @maps: the MAPs this netns serves (RCU list of &struct hmip_map)
 * @bcache: their bindings
 * @nd_hook: watches the MAPs' links for DAD conflicts; registered while
 *	@maps is not empty
 * @intercept_hooks: send packets for bound RCoAs into the MAP's tunnel,
 *	forwarded and local ones; registered while @maps is not empty
 * @dad_work: finishes DAD (nd.c); runs while bindings are under DAD
 */
struct hmip_map_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head maps;
	struct hmip_bcache bcache;
	struct nf_hook_ops nd_hook;
	struct nf_hook_ops intercept_hooks[2];
	struct delayed_work dad_work;
};

/**
 * struct hmip_map - one MAP served by this netns
 * @list: in &hmip_map_net.maps (RCU)
 * @addr: the MAP's address; its /64 is the RCoA prefix
 * @params: settings; replaced whole, readers hold RCU
 * @nbindings: bindings held now
 * @dead: set under the lock of &hmip_map_net.bcache when the MAP is being
 *	deleted, so no binding is created for it afterwards
 * @hao_state: route optimization state that lets the kernel accept Home
 *	Address options sent to @addr; NULL when another one was there first
 * @tunnel: the device that carries the MAP's tunnelled traffic; lives as
 *	long as the MAP
 * @rcu: for kfree_rcu()
 */
struct hmip_map {
	struct list_head list;
	struct in6_addr addr;
	struct hmip_map_params __rcu *params;
	atomic_t nbindings;
	bool dead;
	struct xfrm_state *hao_state;
	struct net_device *tunnel;
	struct rcu_head rcu;
};

/* The MAP that holds a binding of the MAP role's cache. */
static inline struct hmip_map *hmip_map_of(const struct hmip_binding *b)
{
	return b->owner;
}

int hmip_map_net_init(struct hmip_net *hn);
void hmip_map_net_dev_exit(struct hmip_net *hn);
void hmip_map_net_exit(struct hmip_net *hn);
void hmip_map_params_default(struct hmip_map_params *p);
int hmip_map_add(struct hmip_net *hn, const struct in6_addr *addr,
		 const struct hmip_map_params *params, const char *tunnel_name,
		 struct netlink_ext_ack *extack);
int hmip_map_set(struct hmip_net *hn, struct hmip_map *map,
		 const struct hmip_map_params *params);
void hmip_map_del(struct hmip_net *hn, struct hmip_map *map);

struct hmip_map *hmip_map_lookup(struct hmip_net *hn,
				 const struct in6_addr *addr);
struct hmip_map *hmip_map_lookup_prefix(struct hmip_net *hn,
					const struct in6_addr *addr);

bool hmip_map_prefix_match(const struct hmip_prefix *list, unsigned int n,
			   const struct in6_addr *addr);

#endif /* _HMIP_MAP_H */
