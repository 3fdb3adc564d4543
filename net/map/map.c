// SPDX-License-Identifier: GPL-2.0
/*
 * The MAPs of a netns. Configuration changes are rare and run under the
 * genl mutex (through &hmip_map_net.lock); the packet path reads the list
 * and each MAP's parameters under RCU.
 *
 * A MAP is an anchor (anchor/): what it shares with a home agent (Binding
 * Updates, DAD and proxy ND, interception, the tunnel) lives there, and
 * this file fills in the MAP's rules (&hmip_map_anchor_ops): the M flag,
 * the /64 of the MAP's address as the RCoA prefix, the MAP's counters and
 * binding events.
 */

#include <linux/slab.h>
#include <net/ipv6.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "ar/ar.h"
#include "core/netns.h"
#include "map/map.h"
#include "map/nl.h"
#include "mh/mh.h"
#include "tunnel/tunnel.h"

void hmip_map_params_default(struct hmip_anchor_params *p)
{
	memset(p, 0, sizeof(*p));
	p->pref = HMIP_MAP_DEFAULT_PREF;
	p->max_lifetime = HMIP_MAP_DEFAULT_MAX_LIFETIME;
	p->max_bindings = HMIP_MAP_DEFAULT_MAX_BINDINGS;
	p->require_ipsec = true;
	p->require_altcoa = true;
	p->mode = HMIP_MAP_MODE_PROXY_ND;
	p->rfc = HMIP_RFC_5380;
	p->bicast_ms = HMIP_MAP_DEFAULT_BICAST_MS;
	p->hi_timeout_ms = HMIP_MAP_DEFAULT_HI_TIMEOUT_MS;
}

/* Caller holds RCU or hn->map->lock. */
struct hmip_map *hmip_map_lookup(struct hmip_net *hn,
				 const struct in6_addr *addr)
{
	struct hmip_map *map;

	list_for_each_entry_rcu(map, &hn->map->maps, list,
				lockdep_is_held(&hn->map->lock))
		if (ipv6_addr_equal(&map->anchor.addr, addr))
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
		if (hmip_anchor_in_prefix(&map->anchor, addr))
			return map;
	return NULL;
}

/* Logged once each time the opt-out is set, never per packet. */
static void hmip_map_warn_no_ipsec(const struct hmip_map *map)
{
	pr_notice("MAP %pI6c accepts Binding Updates without IPsec (require-ipsec off): any host can bind any of its RCoAs\n",
		  &map->anchor.addr);
}

static void hmip_map_warn_no_altcoa(const struct hmip_map *map)
{
	pr_notice("MAP %pI6c takes the LCoA of ESP-protected Binding Updates from their unprotected source (altcoa optional): anyone on the path can redirect a binding\n",
		  &map->anchor.addr);
}

int hmip_map_add(struct hmip_net *hn, const struct in6_addr *addr,
		 const struct hmip_anchor_params *params,
		 const char *tunnel_name, struct netlink_ext_ack *extack)
{
	struct hmip_anchor_net *an = &hn->map->anchors;
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
	if (!map)
		return -ENOMEM;
	err = hmip_anchor_init(an, &map->anchor, addr, HMIP_MAP_PREFIX_LEN,
			       params, tunnel_name, extack);
	if (err)
		goto err_free;

	if (list_empty(&hn->map->maps)) {
		err = hmip_anchor_start(an, extack);
		if (err)
			goto err_anchor;
	}
	/* Its own MAP option goes into advertisements (RFC 4140 7.1.2). */
	err = hmip_ar_hooks_get(hn);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "cannot add the MAP option to advertisements");
		goto err_start;
	}

	list_add_tail_rcu(&map->list, &hn->map->maps);
	if (!params->require_ipsec)
		hmip_map_warn_no_ipsec(map);
	else if (!params->require_altcoa)
		hmip_map_warn_no_altcoa(map);
	return 0;

err_start:
	if (list_empty(&hn->map->maps))
		hmip_anchor_stop(an);
err_anchor:
	hmip_anchor_destroy(&map->anchor);
err_free:
	kfree(map);
	return err;
}

int hmip_map_set(struct hmip_net *hn, struct hmip_map *map,
		 const struct hmip_anchor_params *params)
{
	struct hmip_anchor_params *p, *old;

	lockdep_assert_held(&hn->map->lock);

	p = kmemdup(params, sizeof(*params), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	old = rcu_replace_pointer(map->anchor.params, p,
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
	hmip_anchor_close(&map->anchor);
	if (list_empty(&hn->map->maps))
		hmip_anchor_stop(&hn->map->anchors);
	hmip_ar_hooks_put(hn);
	/* After the hooks and the list: nothing finds the device any more. */
	hmip_anchor_destroy(&map->anchor);
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

/* The anchor layer's callbacks: the MAP's lookups and events. */
static struct hmip_anchor *hmip_map_anchor_lookup(struct hmip_anchor_net *an,
						  const struct in6_addr *addr)
{
	struct hmip_map_net *mn = container_of(an, struct hmip_map_net,
					       anchors);
	struct hmip_map *map = hmip_map_lookup(mn->hn, addr);

	return map ? &map->anchor : NULL;
}

static struct hmip_anchor *
hmip_map_anchor_lookup_prefix(struct hmip_anchor_net *an,
			      const struct in6_addr *addr)
{
	struct hmip_map_net *mn = container_of(an, struct hmip_map_net,
					       anchors);
	struct hmip_map *map = hmip_map_lookup_prefix(mn->hn, addr);

	return map ? &map->anchor : NULL;
}

static void hmip_map_anchor_event(struct hmip_anchor_net *an,
				  const struct hmip_binding *b, u32 event)
{
	/* A Fast Binding Update held for its access router's answer
	 * (hi.c) is about the binding as it was: any other change ends it.
	 */
	if (event != HMIP_EVENT_BINDING_FAST &&
	    event != HMIP_EVENT_BINDING_HI_REFUSED &&
	    event != HMIP_EVENT_BINDING_HI_TIMEOUT)
		hmip_map_hi_cancel(an->hn, &b->rcoa);
	hmip_anchor_nl_binding_event(an->hn, b, event);
}

#define HMIP_MAP_MIB(field) \
	[HMIP_ANCHOR_MIB_##field] = HMIP_MIB_MAP_##field

/* The MAP serves the M flag and refuses home registrations (RFC 4140
 * section 6.2); its counters are the map_* ones, under their old names.
 */
static const struct hmip_anchor_ops hmip_map_anchor_ops = {
	.role = HMIP_ROLE_MAP,
	.bu_flag = HMIP_BU_FLAG_M,
	.bu_refused = HMIP_BU_FLAG_H,
	.bu_refused_status = HMIP_BA_STATUS_HOME_REG_UNSUPPORTED,
	.tunnel_template = "hmip%d",
	.lookup = hmip_map_anchor_lookup,
	.lookup_prefix = hmip_map_anchor_lookup_prefix,
	.event = hmip_map_anchor_event,
	.mib = {
		HMIP_MAP_MIB(BU_ACCEPTED),
		HMIP_MAP_MIB(BU_DEREGISTERED),
		HMIP_MAP_MIB(BU_SA_SUCCESSOR),
		HMIP_MAP_MIB(BU_DROP_BAD_OPTION),
		HMIP_MAP_MIB(BU_DROP_NO_HAO),
		HMIP_MAP_MIB(BU_DROP_NO_IPSEC),
		HMIP_MAP_MIB(BU_REJECT_PROHIBITED),
		HMIP_MAP_MIB(BU_REJECT_RESOURCES),
		[HMIP_ANCHOR_MIB_BU_REJECT_FLAG] =
			HMIP_MIB_MAP_BU_REJECT_HOME_REG,
		[HMIP_ANCHOR_MIB_BU_REJECT_PREFIX] =
			HMIP_MIB_MAP_BU_REJECT_NOT_MAP_PREFIX,
		[HMIP_ANCHOR_MIB_BU_REJECT_NOT_ANCHOR] =
			HMIP_MIB_MAP_BU_REJECT_NOT_MAP,
		HMIP_MAP_MIB(BU_REJECT_DUPLICATE),
		HMIP_MAP_MIB(BU_REJECT_SEQ),
		HMIP_MAP_MIB(BU_REJECT_SA_MISMATCH),
		HMIP_MAP_MIB(BU_REJECT_NO_ALTCOA),
		HMIP_MAP_MIB(BU_REJECT_NOT_ALLOCATED),
		HMIP_MAP_MIB(DAD_STARTED),
		HMIP_MAP_MIB(DAD_CONFLICT),
		HMIP_MAP_MIB(DAD_NS_TX),
		HMIP_MAP_MIB(PROXY_NA),
		HMIP_MAP_MIB(ND_IGNORED),
		HMIP_MAP_MIB(INTERCEPT_UNREACHABLE),
		HMIP_MAP_MIB(INTERCEPT_HOP_LIMIT),
		HMIP_MAP_MIB(INTERCEPT_DROP_FORWARDING),
		HMIP_MAP_MIB(INTERCEPT_DROP_POLICY),
		HMIP_MAP_MIB(ENCAP_DROP_NOT_IPV6),
		HMIP_MAP_MIB(ENCAP_DROP_NO_BINDING),
		HMIP_MAP_MIB(ENCAP_DROP_NOMEM),
		HMIP_MAP_MIB(DECAP_DROP_MALFORMED),
		HMIP_MAP_MIB(DECAP_DROP_NO_BINDING),
		HMIP_MAP_MIB(DECAP_DROP_WRONG_LCOA),
		HMIP_MAP_MIB(DECAP_DROP_POLICY),
		HMIP_MAP_MIB(DECAP_DROP_ECN),
		HMIP_MAP_MIB(ICMP_RELAYED),
	},
	.encap_mib = {
		.limit = HMIP_MIB_MAP_ENCAP_DROP_LIMIT,
		.no_route = HMIP_MIB_MAP_ENCAP_DROP_NO_ROUTE,
		.loop = HMIP_MIB_MAP_ENCAP_DROP_LOOP,
		.too_big = HMIP_MIB_MAP_ENCAP_DROP_TOO_BIG,
		.nomem = HMIP_MIB_MAP_ENCAP_DROP_NOMEM,
	},
};

/**
 * hmip_map_rcv_bu - a Binding Update, from main.c's Mobility Header table
 * @hn: hmip state of the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified
 *
 * Context: softirq, RCU read side.
 */
void hmip_map_rcv_bu(struct hmip_net *hn, struct sk_buff *skb)
{
	hmip_anchor_bu_rcv(&hn->map->anchors, skb);
}

static int hmip_map_decap_rcv(struct sk_buff *skb)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));

	return hmip_anchor_decap_rcv(&hn->map->anchors, skb);
}

static int hmip_map_decap_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			      u8 type, u8 code, int offset, __be32 info)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));

	return hmip_anchor_decap_err(&hn->map->anchors, skb, type, code,
				     offset, info);
}

/* The reverse tunnel: claims only packets for this netns's MAPs whose
 * inner source lies in the MAP's prefix; tunnel/ asks it after the mobile
 * node's.
 */
const struct hmip_tunnel_demux hmip_map_demux = {
	.rcv = hmip_map_decap_rcv,
	.err = hmip_map_decap_err,
};

/* The access router's walk of this node's own MAP options. */
static void hmip_map_ar_collect(struct hmip_net *hn, hmip_ar_own_put_t put,
				void *ctx)
{
	const struct hmip_anchor_params *p;
	struct hmip_map *map;

	list_for_each_entry_rcu(map, &hn->map->maps, list) {
		p = rcu_dereference(map->anchor.params);
		put(ctx, &map->anchor.addr, p->ifindex, p->pref, p->rfc);
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
	hmip_map_hi_net_init(mn);
	err = hmip_anchor_net_init(&mn->anchors, hn, &hmip_map_anchor_ops);
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
	hmip_anchor_net_exit(&hn->map->anchors);
	hmip_map_hi_net_exit(hn->map);
	kfree(hn->map);
}
