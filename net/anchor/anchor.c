// SPDX-License-Identifier: GPL-2.0
/*
 * The life of an anchor and of a role's anchors in a netns: what a MAP
 * and a home agent set up and take down alike. The role calls these in
 * its own order (its list, its locks); the cache's changes come back to
 * the role through &hmip_anchor_ops.event.
 */

#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "mh/xfrm.h"

bool hmip_anchor_prefix_match(const struct hmip_prefix *list, unsigned int n,
			      const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ipv6_prefix_equal(&list[i].addr, addr, list[i].len))
			return true;
	return false;
}

/* The cache's callback: a binding went. Its anchor counts it; the role
 * announces it. One still under DAD was never announced, and its Binding
 * Update's answer counts it.
 */
static void hmip_anchor_binding_gone(struct hmip_bcache *bc,
				     struct hmip_binding *b,
				     enum hmip_binding_gone why)
{
	struct hmip_anchor_net *an = container_of(bc, struct hmip_anchor_net,
						  bcache);

	atomic_dec(&hmip_anchor_of(b)->nbindings);
	/* One deregistered was announced then (bu.c). */
	if (b->state == HMIP_BINDING_DAD || b->state == HMIP_BINDING_DEREG)
		return;
	if (why == HMIP_BINDING_GONE_EXPIRED) {
		HMIP_INC_STATS(an->hn, BINDING_EXPIRED);
		an->ops->event(an, b, HMIP_EVENT_BINDING_EXPIRED);
	} else {
		HMIP_INC_STATS(an->hn, BINDING_DELETED);
		an->ops->event(an, b, HMIP_EVENT_BINDING_DELETED);
	}
}

static const struct hmip_bcache_ops hmip_anchor_bcache_ops = {
	.gone = hmip_anchor_binding_gone,
};

/**
 * hmip_anchor_net_init - the anchor layer's state for a role in a netns
 * @an: the role's, zeroed
 * @hn: hmip state of the netns
 * @ops: the role's rules and callbacks; outlive @an
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_anchor_net_init(struct hmip_anchor_net *an, struct hmip_net *hn,
			 const struct hmip_anchor_ops *ops)
{
	unsigned int i;
	int err;

	/* An entry left out would count in mh_rx without a word. */
	for (i = 0; i < __HMIP_ANCHOR_MIB_MAX; i++)
		if (WARN_ON_ONCE(!ops->mib[i]))
			return -EINVAL;
	if (WARN_ON_ONCE(ops->role > HMIP_ROLE_MAX || hn->anchors[ops->role]))
		return -EINVAL;
	an->hn = hn;
	an->ops = ops;
	INIT_DELAYED_WORK(&an->dad_work, hmip_anchor_nd_dad_work);
	err = hmip_anchor_bcache_net_init(&an->bcache, &hmip_anchor_bcache_ops);
	if (err)
		return err;
	/* The binding commands (nl.c) find the role's bindings here. */
	hn->anchors[ops->role] = an;
	return 0;
}

/* At netns exit, after the role deleted its anchors: no binding is left. */
void hmip_anchor_net_exit(struct hmip_anchor_net *an)
{
	an->hn->anchors[an->ops->role] = NULL;
	cancel_delayed_work_sync(&an->dad_work);
	hmip_anchor_bcache_net_exit(&an->bcache);
}

/**
 * hmip_anchor_start - watch the links and intercept for the role's anchors
 * @an: the role's anchors, about to get their first
 * @extack: for the reason it failed
 *
 * Context: process, the role's configuration lock held.
 * Return: 0 or a negative errno.
 */
int hmip_anchor_start(struct hmip_anchor_net *an,
		      struct netlink_ext_ack *extack)
{
	int err;

	err = hmip_anchor_nd_start(an);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot watch the anchor's link for DAD");
		return err;
	}
	err = hmip_anchor_intercept_start(an);
	if (err) {
		hmip_anchor_nd_stop(an);
		NL_SET_ERR_MSG(extack,
			       "cannot intercept packets for the bound addresses");
	}
	return err;
}

/* When the role's last anchor went; the role's lock held. */
void hmip_anchor_stop(struct hmip_anchor_net *an)
{
	hmip_anchor_intercept_stop(an);
	hmip_anchor_nd_stop(an);
}

/**
 * hmip_anchor_init - set up the shared part of a new anchor
 * @an: the anchors of its role
 * @a: the anchor, zeroed, not yet where the role's lookups find it
 * @addr: its address, one of this node's
 * @plen: length of the prefix of the addresses it binds
 * @params: its settings, copied
 * @tunnel_name: name of its tunnel device, or NULL for the role's template
 * @extack: for the reason it failed
 *
 * Context: process, the role's configuration lock held; takes the RTNL.
 * Return: 0, or a negative errno with nothing left to undo.
 */
int hmip_anchor_init(struct hmip_anchor_net *an, struct hmip_anchor *a,
		     const struct in6_addr *addr, u8 plen,
		     const struct hmip_anchor_params *params,
		     const char *tunnel_name, struct netlink_ext_ack *extack)
{
	struct hmip_anchor_params *p;
	int err;

	p = kmemdup(params, sizeof(*params), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	a->an = an;
	a->addr = *addr;
	a->plen = plen;
	RCU_INIT_POINTER(a->params, p);
	atomic_set(&a->nbindings, 0);

	err = hmip_anchor_xmit_create(a, tunnel_name, extack);
	if (err)
		goto err_free;
	/* The kernel drops a received Home Address option unless a route
	 * optimization state for the destination exists (ipv6_dest_hao()).
	 */
	a->hao_state = hmip_mh_xfrm_ro_add(an->hn->net, IPPROTO_DSTOPTS, addr);
	if (IS_ERR(a->hao_state)) {
		err = PTR_ERR(a->hao_state);
		a->hao_state = NULL;
		NL_SET_ERR_MSG(extack,
			       "cannot install the route optimization state for Home Address options");
		goto err_tunnel;
	}
	return 0;

err_tunnel:
	hmip_anchor_xmit_destroy(a);
err_free:
	RCU_INIT_POINTER(a->params, NULL);
	kfree(p);
	return err;
}

/**
 * hmip_anchor_close - stop an anchor from binding and drop its bindings
 * @a: the anchor, gone from where the role's lookups find it
 *
 * A Binding Update that found the anchor before it left must not bind
 * anything to it now.
 *
 * Context: process, the role's configuration lock held.
 */
void hmip_anchor_close(struct hmip_anchor *a)
{
	struct hmip_bcache *bc = &a->an->bcache;

	hmip_mh_xfrm_ro_del(a->hao_state);
	a->hao_state = NULL;
	spin_lock_bh(&bc->lock);
	a->dead = true;
	spin_unlock_bh(&bc->lock);
	hmip_anchor_bcache_flush(bc, a, HMIP_BINDING_GONE_DELETED);
}

/**
 * hmip_anchor_destroy - take down what hmip_anchor_init() set up
 * @a: the anchor, closed or never found by anybody
 *
 * Waits for every packet in flight through its tunnel; its parameters
 * are freed after an RCU grace period, the anchor itself is the role's.
 *
 * Context: process; takes the RTNL.
 */
void hmip_anchor_destroy(struct hmip_anchor *a)
{
	hmip_mh_xfrm_ro_del(a->hao_state);
	a->hao_state = NULL;
	hmip_anchor_xmit_destroy(a);
	kfree_rcu(rcu_dereference_protected(a->params, true), rcu);
}
