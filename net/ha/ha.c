// SPDX-License-Identifier: GPL-2.0
/*
 * The home agents of a netns (RFC 6275 section 10). Configuration changes
 * run under the genl mutex (through &hmip_ha_net.lock); the packet path
 * reads the list and each home agent's parameters under RCU.
 *
 * A home agent is an anchor (anchor/), as a MAP is: Binding Updates, DAD
 * and proxy ND, interception and the tunnel live there. This file fills
 * in the home agent's rules (&hmip_ha_anchor_ops): the H flag, answered
 * whatever the A flag says; its home prefixes and their valid lifetime;
 * the link-local address defended with the L flag; what a Binding Update
 * without H gets; its counters and binding events.
 */

#include <linux/netfilter_ipv6.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "ha/ha.h"
#include "mh/mh.h"
#include "tunnel/tunnel.h"

/* addrconf's INFINITY_LIFE_TIME, private to it. */
#define HMIP_HA_INFINITE_LIFETIME	0xffffffff

void hmip_ha_params_default(struct hmip_anchor_params *p)
{
	memset(p, 0, sizeof(*p));
	p->max_lifetime = HMIP_HA_DEFAULT_MAX_LIFETIME;
	p->max_bindings = HMIP_HA_DEFAULT_MAX_BINDINGS;
	p->require_ipsec = true;
	/* RFC 6275 11.7.1: under ESP the care-of address travels in the
	 * Alternate Care-of Address option, which ESP covers.
	 */
	p->require_altcoa = true;
	p->mode = HMIP_MAP_MODE_PROXY_ND;
}

/* Caller holds RCU or hn->ha->lock. */
struct hmip_ha *hmip_ha_lookup(struct hmip_net *hn,
			       const struct in6_addr *addr)
{
	struct hmip_ha *ha;

	list_for_each_entry_rcu(ha, &hn->ha->has, list,
				lockdep_is_held(&hn->ha->lock))
		if (ipv6_addr_equal(&ha->anchor.addr, addr))
			return ha;
	return NULL;
}

/* The home agent one of whose home prefixes holds @addr, other than
 * @except. Caller holds RCU or hn->ha->lock.
 */
static struct hmip_ha *hmip_ha_lookup_home(struct hmip_net *hn,
					   const struct in6_addr *addr,
					   const struct hmip_ha *except)
{
	const struct hmip_anchor_params *p;
	struct hmip_ha *ha;

	list_for_each_entry_rcu(ha, &hn->ha->has, list,
				lockdep_is_held(&hn->ha->lock)) {
		if (ha == except)
			continue;
		p = rcu_dereference_check(ha->anchor.params,
					  lockdep_is_held(&hn->ha->lock));
		if (hmip_anchor_prefix_match(p->home, p->n_home, addr))
			return ha;
	}
	return NULL;
}

/* A home address names one home agent: no two share a home prefix, nor
 * does one prefix hold another's. ::/0 would make every care-of address a
 * home address.
 */
static int hmip_ha_check_prefixes(struct hmip_net *hn, const struct hmip_ha *ha,
				  const struct hmip_anchor_params *p,
				  struct netlink_ext_ack *extack)
{
	const struct hmip_anchor_params *op;
	struct hmip_ha *other;
	unsigned int i;

	for (i = 0; i < p->n_home; i++) {
		if (!p->home[i].len) {
			NL_SET_ERR_MSG(extack, "a home prefix cannot be ::/0");
			return -EINVAL;
		}
		if (hmip_ha_lookup_home(hn, &p->home[i].addr, ha)) {
			NL_SET_ERR_MSG(extack,
				       "another home agent serves this home prefix");
			return -EEXIST;
		}
	}
	list_for_each_entry(other, &hn->ha->has, list) {
		if (other == ha)
			continue;
		op = rcu_dereference_protected(other->anchor.params,
					       lockdep_is_held(&hn->ha->lock));
		for (i = 0; i < op->n_home; i++)
			if (hmip_anchor_prefix_match(p->home, p->n_home,
						     &op->home[i].addr)) {
				NL_SET_ERR_MSG(extack,
					       "another home agent serves this home prefix");
				return -EEXIST;
			}
	}
	return 0;
}

static void hmip_ha_warn_no_ipsec(const struct hmip_ha *ha)
{
	pr_notice("home agent %pI6c accepts Binding Updates without IPsec (require-ipsec off): any host can bind any of its home addresses\n",
		  &ha->anchor.addr);
}

int hmip_ha_add(struct hmip_net *hn, const struct in6_addr *addr,
		const struct hmip_anchor_params *params,
		const char *tunnel_name, struct netlink_ext_ack *extack)
{
	struct hmip_anchor_net *an = &hn->ha->anchors;
	struct hmip_ha *ha;
	int err;

	lockdep_assert_held(&hn->ha->lock);

	if (hmip_ha_lookup(hn, addr)) {
		NL_SET_ERR_MSG(extack, "this address is already a home agent");
		return -EEXIST;
	}
	err = hmip_ha_check_prefixes(hn, NULL, params, extack);
	if (err)
		return err;

	ha = kzalloc(sizeof(*ha), GFP_KERNEL);
	if (!ha)
		return -ENOMEM;
	/* The anchor's own prefix is unused: its home prefixes say. */
	err = hmip_anchor_init(an, &ha->anchor, addr, 128, params, tunnel_name,
			       extack);
	if (err)
		goto err_free;
	hmip_ha_list_init(&ha->halist);
	hmip_ha_mpd_init(ha);
	if (list_empty(&hn->ha->has)) {
		err = hmip_anchor_start(an, extack);
		if (err)
			goto err_anchor;
		err = nf_register_net_hook(hn->net, &hn->ha->hook);
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot register the netfilter hook");
			goto err_start;
		}
	}
	list_add_tail_rcu(&ha->list, &hn->ha->has);
	hmip_ha_dhaad_join(hn, ha);
	if (!params->require_ipsec)
		hmip_ha_warn_no_ipsec(ha);
	return 0;

err_start:
	hmip_anchor_stop(an);
err_anchor:
	hmip_anchor_destroy(&ha->anchor);
err_free:
	kfree(ha);
	return err;
}

int hmip_ha_set(struct hmip_net *hn, struct hmip_ha *ha,
		const struct hmip_anchor_params *params,
		struct netlink_ext_ack *extack)
{
	struct hmip_anchor_params *p, *old;
	int err;

	lockdep_assert_held(&hn->ha->lock);

	err = hmip_ha_check_prefixes(hn, ha, params, extack);
	if (err)
		return err;
	p = kmemdup(params, sizeof(*params), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	old = rcu_replace_pointer(ha->anchor.params, p,
				  lockdep_is_held(&hn->ha->lock));
	if (old->require_ipsec && !p->require_ipsec)
		hmip_ha_warn_no_ipsec(ha);
	/* The home link or the prefixes may have changed: their anycast
	 * addresses with them; the list learned on another link is not
	 * this one's.
	 */
	if (old->ifindex != p->ifindex || old->n_home != p->n_home ||
	    memcmp(old->home, p->home, sizeof(old->home))) {
		hmip_ha_dhaad_leave(hn, ha);
		hmip_ha_dhaad_join(hn, ha);
	}
	/* RFC 6275 section 10.6.2: the mobile nodes learn the new list. */
	if (old->n_home != p->n_home ||
	    memcmp(old->home, p->home, sizeof(old->home)))
		hmip_ha_mpd_changed(hn, ha);
	if (old->ifindex != p->ifindex) {
		hmip_ha_list_flush(&ha->halist);
		hmip_ha_mpd_forget(ha);
	}
	kfree_rcu(old, rcu);
	return 0;
}

void hmip_ha_del(struct hmip_net *hn, struct hmip_ha *ha)
{
	lockdep_assert_held(&hn->ha->lock);

	list_del_rcu(&ha->list);
	hmip_ha_dhaad_leave(hn, ha);
	/* Before the bindings and the settings go: its worker reads them. */
	hmip_ha_mpd_stop(ha);
	hmip_anchor_close(&ha->anchor);
	if (list_empty(&hn->ha->has)) {
		nf_unregister_net_hook(hn->net, &hn->ha->hook);
		hmip_anchor_stop(&hn->ha->anchors);
	}
	/* After the hooks and the list: nothing finds the device any more. */
	hmip_anchor_destroy(&ha->anchor);
	/* A packet path that found @ha may still add an entry: flushed
	 * after a grace period.
	 */
	synchronize_net();
	hmip_ha_list_flush(&ha->halist);
	kfree_rcu(ha, rcu);
}

/* At netns exit, before the devices go: the tunnel devices with the
 * home agents.
 */
void hmip_ha_net_dev_exit(struct hmip_net *hn)
{
	struct hmip_ha *ha, *tmp;

	mutex_lock(&hn->ha->lock);
	list_for_each_entry_safe(ha, tmp, &hn->ha->has, list)
		hmip_ha_del(hn, ha);
	mutex_unlock(&hn->ha->lock);
}

/* ------------------------------------------------ the anchor layer's ops */

static struct hmip_ha_net *hmip_ha_of(struct hmip_anchor_net *an)
{
	return container_of(an, struct hmip_ha_net, anchors);
}

static struct hmip_anchor *hmip_ha_anchor_lookup(struct hmip_anchor_net *an,
						 const struct in6_addr *addr)
{
	struct hmip_ha *ha = hmip_ha_lookup(hmip_ha_of(an)->hn, addr);

	return ha ? &ha->anchor : NULL;
}

static struct hmip_anchor *
hmip_ha_anchor_lookup_prefix(struct hmip_anchor_net *an,
			     const struct in6_addr *addr)
{
	struct hmip_ha *ha = hmip_ha_lookup_home(hmip_ha_of(an)->hn, addr,
						 NULL);

	return ha ? &ha->anchor : NULL;
}

/* RFC 6275 10.3.1, L=1: the link-local address is the home address with
 * the link-local prefix instead of the home prefix; so a home address is
 * one of a /64 home prefix with @ll's interface identifier.
 */
static struct hmip_binding *
hmip_ha_anchor_lookup_link_local(struct hmip_anchor_net *an,
				 const struct in6_addr *ll, int ifindex)
{
	const struct hmip_anchor_params *p;
	struct hmip_binding *b;
	struct in6_addr home;
	struct hmip_ha *ha;
	unsigned int i;

	list_for_each_entry_rcu(ha, &hmip_ha_of(an)->has, list) {
		p = rcu_dereference(ha->anchor.params);
		if (p->ifindex != ifindex)
			continue;
		for (i = 0; i < p->n_home; i++) {
			if (p->home[i].len > 64)
				continue;
			home.s6_addr32[0] = p->home[i].addr.s6_addr32[0];
			home.s6_addr32[1] = p->home[i].addr.s6_addr32[1];
			home.s6_addr32[2] = ll->s6_addr32[2];
			home.s6_addr32[3] = ll->s6_addr32[3];
			b = hmip_anchor_bcache_lookup(&an->bcache, &home);
			if (b && hmip_anchor_of(b) == &ha->anchor)
				return b;
		}
	}
	return NULL;
}

/* RFC 6275 9.5.1: without H a Binding Update asks for a correspondent
 * registration, which this node does not serve (no return routability:
 * nothing to check its authorization with), so it is dropped; but where
 * a home registration exists for the address, the type may not change:
 * 139.
 */
static u8 hmip_ha_anchor_bu_unflagged(struct hmip_anchor_net *an,
				      const struct in6_addr *addr, int *mib)
{
	struct hmip_binding *b = hmip_anchor_bcache_lookup(&an->bcache, addr);
	struct hmip_net *hn = an->hn;

	/* One deregistered and kept (10.3.2) is no home registration. */
	if (b && READ_ONCE(b->state) != HMIP_BINDING_DEREG) {
		*mib = HMIP_MIB_HA_BU_REJECT_TYPE_CHANGE;
		HMIP_INC_STATS(hn, HA_BU_REJECT_TYPE_CHANGE);
		return HMIP_BA_STATUS_REG_TYPE_CHANGE;
	}
	*mib = HMIP_MIB_HA_BU_DROP_NOT_HOME_REG;
	HMIP_INC_STATS(hn, HA_BU_DROP_NOT_HOME_REG);
	return HMIP_ANCHOR_BU_DROP;
}

/* The remaining lifetime, seconds, of an address @lft long since @tstamp;
 * U32_MAX for an infinite one.
 */
static u32 hmip_ha_lft_left(u32 lft, unsigned long tstamp)
{
	unsigned long age = (jiffies - tstamp) / HZ;

	if (lft == HMIP_HA_INFINITE_LIFETIME)
		return U32_MAX;
	return age < lft ? lft - age : 0;
}

/**
 * hmip_ha_prefix_lifetimes - what the home link says of a home prefix
 * @ha: the home agent
 * @addr: an address in the prefix
 * @valid: the shortest remaining valid lifetime, seconds, of the home
 *	link's addresses in a prefix that holds @addr
 * @preferred: their shortest remaining preferred lifetime
 *
 * A prefix the link has no address with a finite lifetime in (a static
 * one) gets U32_MAX, which is infinite on the wire too.
 *
 * Context: RCU read side.
 */
void hmip_ha_prefix_lifetimes(struct hmip_ha *ha, const struct in6_addr *addr,
			      u32 *valid, u32 *preferred)
{
	const struct hmip_anchor_params *p = rcu_dereference(ha->anchor.params);
	struct inet6_ifaddr *ifp;
	struct net_device *dev;
	struct inet6_dev *idev;

	*valid = U32_MAX;
	*preferred = U32_MAX;
	dev = dev_get_by_index_rcu(ha->anchor.an->hn->net, p->ifindex);
	idev = dev ? __in6_dev_get(dev) : NULL;
	if (!idev)
		return;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp, &idev->addr_list, if_list) {
		if (!ipv6_prefix_equal(&ifp->addr, addr, ifp->prefix_len))
			continue;
		*valid = min(*valid, hmip_ha_lft_left(ifp->valid_lft,
						      ifp->tstamp));
		*preferred = min(*preferred,
				 hmip_ha_lft_left(ifp->prefered_lft,
						  ifp->tstamp));
	}
	read_unlock_bh(&idev->lock);
}

/* RFC 6275 10.3.1: a binding lasts no longer than the remaining valid
 * lifetime of the home prefix, as the home link's addresses in that prefix
 * carry it; a prefix with none there (a static one) sets no limit.
 */
static u32 hmip_ha_anchor_lifetime_cap(struct hmip_anchor *a,
				       const struct in6_addr *addr)
{
	u32 valid, preferred;

	hmip_ha_prefix_lifetimes(container_of(a, struct hmip_ha, anchor), addr,
				 &valid, &preferred);
	return valid;
}

/* RFC 6275 10.3.1: status 1, accepted but prefix discovery necessary,
 * when the home prefix is deprecated, becomes deprecated within the
 * binding's lifetime, or becomes invalid at its end; in units of 4 s.
 */
static u8 hmip_ha_anchor_accepted_status(struct hmip_anchor *a,
					 const struct in6_addr *addr,
					 u32 lifetime)
{
	u32 valid, preferred;

	hmip_ha_prefix_lifetimes(container_of(a, struct hmip_ha, anchor), addr,
				 &valid, &preferred);
	if (preferred / 4 < lifetime / 4 || valid / 4 <= lifetime / 4) {
		HMIP_INC_STATS(a->an->hn, HA_BA_PREFIX_DISCOVERY);
		return HMIP_BA_STATUS_PREFIX_DISCOVERY;
	}
	return HMIP_BA_STATUS_ACCEPTED;
}

static void hmip_ha_anchor_event(struct hmip_anchor_net *an,
				 const struct hmip_binding *b, u32 event)
{
	hmip_anchor_nl_binding_event(an->hn, b, event);
}

#define HMIP_HA_MIB(field) \
	[HMIP_ANCHOR_MIB_##field] = HMIP_MIB_HA_##field

/* The home agent serves H; a MAP registration (M) is not for it: 133,
 * as a MAP answers a Binding Update without M.
 */
static const struct hmip_anchor_ops hmip_ha_anchor_ops = {
	.role = HMIP_ROLE_HA,
	.bu_flag = HMIP_BU_FLAG_H,
	.bu_refused = HMIP_BU_FLAG_M,
	.bu_refused_status = HMIP_BA_STATUS_NOT_HA,
	.ba_always = true,
	.hao_optional = true,
	.link_local = true,
	.dereg_hold = HMIP_HA_MAX_DELETE_BCE_TIMEOUT,
	.tunnel_template = "hmipha%d",
	.lookup = hmip_ha_anchor_lookup,
	.lookup_prefix = hmip_ha_anchor_lookup_prefix,
	.lookup_link_local = hmip_ha_anchor_lookup_link_local,
	.bu_unflagged = hmip_ha_anchor_bu_unflagged,
	.lifetime_cap = hmip_ha_anchor_lifetime_cap,
	.accepted_status = hmip_ha_anchor_accepted_status,
	.event = hmip_ha_anchor_event,
	.mib = {
		HMIP_HA_MIB(BU_ACCEPTED),
		HMIP_HA_MIB(BU_DEREGISTERED),
		HMIP_HA_MIB(BU_SA_SUCCESSOR),
		HMIP_HA_MIB(BU_DROP_BAD_OPTION),
		HMIP_HA_MIB(BU_DROP_NO_HAO),
		HMIP_HA_MIB(BU_DROP_NO_IPSEC),
		HMIP_HA_MIB(BU_REJECT_PROHIBITED),
		HMIP_HA_MIB(BU_REJECT_RESOURCES),
		[HMIP_ANCHOR_MIB_BU_REJECT_FLAG] =
			HMIP_MIB_HA_BU_REJECT_MAP_REG,
		[HMIP_ANCHOR_MIB_BU_REJECT_PREFIX] =
			HMIP_MIB_HA_BU_REJECT_NOT_HOME_SUBNET,
		[HMIP_ANCHOR_MIB_BU_REJECT_NOT_ANCHOR] =
			HMIP_MIB_HA_BU_REJECT_NOT_HA,
		HMIP_HA_MIB(BU_REJECT_DUPLICATE),
		HMIP_HA_MIB(BU_REJECT_SEQ),
		HMIP_HA_MIB(BU_REJECT_SA_MISMATCH),
		HMIP_HA_MIB(BU_REJECT_NO_ALTCOA),
		/* A home agent allocates no addresses (no pool). */
		[HMIP_ANCHOR_MIB_BU_REJECT_NOT_ALLOCATED] =
			HMIP_MIB_HA_BU_REJECT_PROHIBITED,
		HMIP_HA_MIB(DAD_STARTED),
		HMIP_HA_MIB(DAD_CONFLICT),
		HMIP_HA_MIB(DAD_NS_TX),
		HMIP_HA_MIB(PROXY_NA),
		HMIP_HA_MIB(ND_IGNORED),
		HMIP_HA_MIB(INTERCEPT_UNREACHABLE),
		HMIP_HA_MIB(INTERCEPT_HOP_LIMIT),
		HMIP_HA_MIB(INTERCEPT_DROP_FORWARDING),
		HMIP_HA_MIB(INTERCEPT_DROP_POLICY),
		HMIP_HA_MIB(ENCAP_DROP_NOT_IPV6),
		HMIP_HA_MIB(ENCAP_DROP_NO_BINDING),
		HMIP_HA_MIB(ENCAP_DROP_NOMEM),
		HMIP_HA_MIB(DECAP_DROP_MALFORMED),
		HMIP_HA_MIB(DECAP_DROP_NO_BINDING),
		HMIP_HA_MIB(DECAP_DROP_WRONG_LCOA),
		HMIP_HA_MIB(DECAP_DROP_POLICY),
		HMIP_HA_MIB(DECAP_DROP_ECN),
		HMIP_HA_MIB(ICMP_RELAYED),
	},
	.encap_mib = {
		.limit = HMIP_MIB_HA_ENCAP_DROP_LIMIT,
		.no_route = HMIP_MIB_HA_ENCAP_DROP_NO_ROUTE,
		.loop = HMIP_MIB_HA_ENCAP_DROP_LOOP,
		.too_big = HMIP_MIB_HA_ENCAP_DROP_TOO_BIG,
		.nomem = HMIP_MIB_HA_ENCAP_DROP_NOMEM,
	},
};

/**
 * hmip_ha_rcv_bu - a Binding Update, from main.c's Mobility Header table
 * @hn: hmip state of the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified
 *
 * Context: softirq, RCU read side.
 * Return: true when it was sent to one of this netns's home agents and
 * is handled, false to let another role have it.
 */
bool hmip_ha_rcv_bu(struct hmip_net *hn, struct sk_buff *skb)
{
	if (!hmip_ha_lookup(hn, &ipv6_hdr(skb)->daddr))
		return false;
	hmip_anchor_bu_rcv(&hn->ha->anchors, skb);
	return true;
}

static int hmip_ha_decap_rcv(struct sk_buff *skb)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));

	return hmip_anchor_decap_rcv(&hn->ha->anchors, skb);
}

static int hmip_ha_decap_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			     u8 type, u8 code, int offset, __be32 info)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));

	return hmip_anchor_decap_err(&hn->ha->anchors, skb, type, code,
				     offset, info);
}

/* The reverse tunnel: claims only packets for this netns's home agents
 * whose inner source lies in the home agent's home prefixes.
 */
const struct hmip_tunnel_demux hmip_ha_demux = {
	.rcv = hmip_ha_decap_rcv,
	.err = hmip_ha_decap_err,
};

/**
 * hmip_ha_net_init - the home agent role's state of a namespace
 * @hn: hmip state of the netns, its core set up
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_ha_net_init(struct hmip_net *hn)
{
	struct hmip_ha_net *hs;
	int err;

	hs = kzalloc(sizeof(*hs), GFP_KERNEL);
	if (!hs)
		return -ENOMEM;
	hs->hn = hn;
	mutex_init(&hs->lock);
	INIT_LIST_HEAD(&hs->has);
	hs->hook.hook = hmip_ha_dhaad_in;
	hs->hook.priv = hn;
	hs->hook.pf = NFPROTO_IPV6;
	hs->hook.hooknum = NF_INET_LOCAL_IN;
	/* After IPsec's policy is known, as the mobile node's reads RAs. */
	hs->hook.priority = NF_IP6_PRI_LAST;
	err = hmip_anchor_net_init(&hs->anchors, hn, &hmip_ha_anchor_ops);
	if (err) {
		kfree(hs);
		return err;
	}
	hn->ha = hs;
	return 0;
}

/* At netns exit, after hmip_ha_net_dev_exit(): no home agent, no binding. */
void hmip_ha_net_exit(struct hmip_net *hn)
{
	hmip_anchor_net_exit(&hn->ha->anchors);
	kfree(hn->ha);
}
