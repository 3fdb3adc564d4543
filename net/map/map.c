// SPDX-License-Identifier: GPL-2.0
/*
 * The MAPs of a netns. Configuration changes are rare and run under the
 * genl mutex (through &hmip_map_net.lock); the packet path reads the list
 * and each MAP's parameters under RCU.
 */

#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "anchor/bcache.h"
#include "ar/ar.h"
#include "map/nl.h"
#include "map/map.h"
#include "map/nd.h"
#include "map/tunnel.h"
#include "mh/xfrm.h"
#include "core/netns.h"

void hmip_map_params_default(struct hmip_map_params *p)
{
	memset(p, 0, sizeof(*p));
	p->pref = HMIP_MAP_DEFAULT_PREF;
	p->max_lifetime = HMIP_MAP_DEFAULT_MAX_LIFETIME;
	p->max_bindings = HMIP_MAP_DEFAULT_MAX_BINDINGS;
	p->require_ipsec = true;
	p->require_altcoa = true;
	p->mode = HMIP_MAP_MODE_PROXY_ND;
}

bool hmip_map_prefix_match(const struct hmip_prefix *list, unsigned int n,
			   const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ipv6_prefix_equal(&list[i].addr, addr, list[i].len))
			return true;
	return false;
}

/* Caller holds RCU or hn->map->lock. */
struct hmip_map *hmip_map_lookup(struct hmip_net *hn,
				 const struct in6_addr *addr)
{
	struct hmip_map *map;

	list_for_each_entry_rcu(map, &hn->map->maps, list,
				lockdep_is_held(&hn->map->lock))
		if (ipv6_addr_equal(&map->addr, addr))
			return map;
	return NULL;
}

/* The MAP whose /64 holds @addr. Caller holds RCU or hn->map->lock. */
struct hmip_map *hmip_map_lookup_prefix(struct hmip_net *hn,
					const struct in6_addr *addr)
{
	struct hmip_map *map;

	list_for_each_entry_rcu(map, &hn->map->maps, list,
				lockdep_is_held(&hn->map->lock))
		if (ipv6_prefix_equal(&map->addr, addr, HMIP_MAP_PREFIX_LEN))
			return map;
	return NULL;
}

/* Logged once each time the opt-out is set, never per packet. */
static void hmip_map_warn_no_ipsec(const struct hmip_map *map)
{
	pr_notice("MAP %pI6c accepts Binding Updates without IPsec (require-ipsec off): any host can bind any of its RCoAs\n",
		  &map->addr);
}

static void hmip_map_warn_no_altcoa(const struct hmip_map *map)
{
	pr_notice("MAP %pI6c takes the LCoA of ESP-protected Binding Updates from their unprotected source (altcoa optional): anyone on the path can redirect a binding\n",
		  &map->addr);
}

int hmip_map_add(struct hmip_net *hn, const struct in6_addr *addr,
		 const struct hmip_map_params *params, const char *tunnel_name,
		 struct netlink_ext_ack *extack)
{
	struct hmip_map_params *p;
	struct hmip_map *map;
	int err;

	lockdep_assert_held(&hn->map->lock);

	if (hmip_map_lookup(hn, addr)) {
		NL_SET_ERR_MSG(extack, "this address is already a MAP");
		return -EEXIST;
	}
	/* An RCoA must name exactly one MAP. */
	if (hmip_map_lookup_prefix(hn, addr)) {
		NL_SET_ERR_MSG(extack,
			       "another MAP already serves this /64 prefix");
		return -EEXIST;
	}

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	p = kmemdup(params, sizeof(*params), GFP_KERNEL);
	if (!map || !p) {
		err = -ENOMEM;
		goto err_free;
	}
	map->addr = *addr;
	RCU_INIT_POINTER(map->params, p);
	atomic_set(&map->nbindings, 0);

	err = hmip_map_tunnel_create(hn, map, tunnel_name, extack);
	if (err)
		goto err_free;

	if (list_empty(&hn->map->maps)) {
		err = hmip_map_nd_start(hn);
		if (err) {
			NL_SET_ERR_MSG(extack,
				       "cannot watch the MAP's link for DAD");
			goto err_tunnel;
		}
		err = hmip_map_intercept_start(hn);
		if (err) {
			hmip_map_nd_stop(hn);
			NL_SET_ERR_MSG(extack,
				       "cannot intercept packets for the RCoAs");
			goto err_tunnel;
		}
	}
	/* Its own MAP option goes into advertisements (RFC 4140 7.1.2). */
	err = hmip_ar_hooks_get(hn);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "cannot add the MAP option to advertisements");
		goto err_nd;
	}

	/* The kernel drops a received Home Address option unless a route
	 * optimization state for the destination exists (ipv6_dest_hao()).
	 */
	map->hao_state = hmip_mh_xfrm_ro_add(hn->net, IPPROTO_DSTOPTS, addr);
	if (IS_ERR(map->hao_state)) {
		err = PTR_ERR(map->hao_state);
		NL_SET_ERR_MSG(extack,
			       "cannot install the route optimization state for Home Address options");
		goto err_ar;
	}

	list_add_tail_rcu(&map->list, &hn->map->maps);
	if (!params->require_ipsec)
		hmip_map_warn_no_ipsec(map);
	else if (!params->require_altcoa)
		hmip_map_warn_no_altcoa(map);
	return 0;

err_ar:
	hmip_ar_hooks_put(hn);
err_nd:
	if (list_empty(&hn->map->maps)) {
		hmip_map_intercept_stop(hn);
		hmip_map_nd_stop(hn);
	}
err_tunnel:
	hmip_map_tunnel_destroy(map);
err_free:
	kfree(p);
	kfree(map);
	return err;
}

int hmip_map_set(struct hmip_net *hn, struct hmip_map *map,
		 const struct hmip_map_params *params)
{
	struct hmip_map_params *p, *old;

	lockdep_assert_held(&hn->map->lock);

	p = kmemdup(params, sizeof(*params), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	old = rcu_replace_pointer(map->params, p,
				  lockdep_is_held(&hn->map->lock));
	if (old->require_ipsec && !p->require_ipsec)
		hmip_map_warn_no_ipsec(map);
	else if (p->require_ipsec && !p->require_altcoa &&
		 (old->require_altcoa || !old->require_ipsec))
		hmip_map_warn_no_altcoa(map);
	kfree_rcu(old, rcu);
	return 0;
}

void hmip_map_del(struct hmip_net *hn, struct hmip_map *map)
{
	lockdep_assert_held(&hn->map->lock);

	list_del_rcu(&map->list);
	hmip_mh_xfrm_ro_del(map->hao_state);
	/* A Binding Update that found the MAP before it left the list must
	 * not bind anything to it now.
	 */
	spin_lock_bh(&hn->map->bcache.lock);
	map->dead = true;
	spin_unlock_bh(&hn->map->bcache.lock);
	hmip_anchor_bcache_flush(&hn->map->bcache, map,
				 HMIP_BINDING_GONE_DELETED);
	if (list_empty(&hn->map->maps)) {
		hmip_map_intercept_stop(hn);
		hmip_map_nd_stop(hn);
	}
	hmip_ar_hooks_put(hn);
	/* After the hooks and the list: nothing finds the device any more. */
	hmip_map_tunnel_destroy(map);
	kfree_rcu(rcu_dereference_protected(map->params, true), rcu);
	kfree_rcu(map, rcu);
}

/* At netns exit, before the devices go: the tunnel devices with the
 * MAPs.
 */
void hmip_map_net_dev_exit(struct hmip_net *hn)
{
	struct hmip_map *map, *tmp;

	mutex_lock(&hn->map->lock);
	list_for_each_entry_safe(map, tmp, &hn->map->maps, list)
		hmip_map_del(hn, map);
	mutex_unlock(&hn->map->lock);
}

/* The cache's callback: a binding went. The MAP counts and announces it;
 * one still under DAD was never announced, and its Binding Update's
 * answer counts it.
 */
static void hmip_map_binding_gone(struct hmip_bcache *bc,
				  struct hmip_binding *b,
				  enum hmip_binding_gone why)
{
	struct hmip_net *hn = container_of(bc, struct hmip_map_net, bcache)->hn;

	atomic_dec(&hmip_map_of(b)->nbindings);
	if (b->state == HMIP_BINDING_DAD)
		return;
	if (why == HMIP_BINDING_GONE_EXPIRED) {
		HMIP_INC_STATS(hn, BINDING_EXPIRED);
		hmip_map_nl_binding_event(hn, b,
					  HMIP_EVENT_BINDING_EXPIRED);
	} else {
		HMIP_INC_STATS(hn, BINDING_DELETED);
		hmip_map_nl_binding_event(hn, b,
					  HMIP_EVENT_BINDING_DELETED);
	}
}

static const struct hmip_bcache_ops hmip_map_bcache_ops = {
	.gone = hmip_map_binding_gone,
};

/* The access router's walk of this node's own MAP options. */
static void hmip_map_ar_collect(struct hmip_net *hn, hmip_ar_own_put_t put,
				void *ctx)
{
	const struct hmip_map_params *p;
	struct hmip_map *map;

	list_for_each_entry_rcu(map, &hn->map->maps, list) {
		p = rcu_dereference(map->params);
		put(ctx, &map->addr, p->ifindex, p->pref);
	}
}

/**
 * hmip_map_net_init - the MAP role's state of a namespace
 * @hn: hmip state of the netns, its core and access router set up
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_map_net_init(struct hmip_net *hn)
{
	struct hmip_map_net *mn;
	int err;

	mn = kzalloc(sizeof(*mn), GFP_KERNEL);
	if (!mn)
		return -ENOMEM;
	mn->hn = hn;
	mutex_init(&mn->lock);
	INIT_LIST_HEAD(&mn->maps);
	INIT_DELAYED_WORK(&mn->dad_work, hmip_map_nd_dad_work);
	err = hmip_anchor_bcache_net_init(&mn->bcache, &hmip_map_bcache_ops);
	if (err) {
		kfree(mn);
		return err;
	}
	hn->map = mn;
	hmip_ar_own_register(hn, hmip_map_ar_collect);
	return 0;
}

/* At netns exit, after hmip_map_net_dev_exit(): no MAP, no binding. */
void hmip_map_net_exit(struct hmip_net *hn)
{
	/* No device is left to send an advertisement on: no walk runs. */
	hmip_ar_own_register(hn, NULL);
	cancel_delayed_work_sync(&hn->map->dad_work);
	hmip_anchor_bcache_net_exit(&hn->map->bcache);
	kfree(hn->map);
}
