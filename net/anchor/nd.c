// SPDX-License-Identifier: GPL-2.0
/*
 * Duplicate Address Detection for a new binding's address (a MAP's RCoA)
 * on the anchor's link, and proxy Neighbour Discovery for it.
 *
 * The Binding Update handler does not wait: the new binding is filed on
 * the DAD list, a Neighbour Solicitation for the RCoA goes out from the
 * unspecified address, and a worker answers the Binding Update once DAD
 * is over (RFC 6275 gives the mobile node 1.5 s for a first registration).
 * Meanwhile a netfilter hook watches the link for a Neighbour
 * Advertisement of the RCoA, or a Neighbour Solicitation of another node
 * doing DAD for it; either makes the registration fail with status 134.
 * The hook exists only while the role has anchors in the netns.
 */

#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/inet_common.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6_stubs.h>
#include <net/ndisc.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "mh/mh.h"
#include "nd/send.h"

/* How often the worker looks at the bindings under DAD. */
#define HMIP_ANCHOR_ND_DAD_TICK	(HZ / 10)

/* Under RCU, the link's DAD settings: the probes to send (0: no DAD) and
 * the jiffies between them.
 */
static unsigned int hmip_anchor_nd_dad_params(struct hmip_anchor_net *an,
					      int ifindex,
					      unsigned long *retrans)
{
	struct hmip_net *hn = an->hn;
	struct net_device *dev = dev_get_by_index_rcu(hn->net, ifindex);
	struct inet6_dev *idev = dev ? __in6_dev_get(dev) : NULL;
	int transmits;

	*retrans = 0;
	if (!idev)
		return 0;
	transmits = READ_ONCE(idev->cnf.dad_transmits);
	/* As addrconf: DAD is off when neither "all" nor the link asks. */
	if (transmits <= 0 ||
	    (READ_ONCE(hn->net->ipv6.devconf_all->accept_dad) <= 0 &&
	     READ_ONCE(idev->cnf.accept_dad) <= 0))
		return 0;
	*retrans = max_t(unsigned long, 1,
			 NEIGH_VAR(idev->nd_parms, RETRANS_TIME));
	/* A binding counts what it has left to send in a u8. */
	return min_t(unsigned int, transmits, U8_MAX);
}

/* Under RCU, how long DAD lasts on the link, or 0 for none: one
 * RetransTimer after each of DupAddrDetectTransmits probes (RFC 4862
 * section 5.4).
 */
unsigned long hmip_anchor_nd_dad_time(struct hmip_anchor_net *an,
				      int ifindex)
{
	unsigned long retrans;
	unsigned int probes;

	probes = hmip_anchor_nd_dad_params(an, ifindex, &retrans);
	return probes * retrans;
}

/* A Neighbour Solicitation for @target from ::, to its solicited-node
 * group, as DAD sends it (RFC 4862 section 5.4.2).
 */
static void hmip_anchor_nd_send_ns(struct hmip_anchor_net *an, int ifindex,
				   const struct in6_addr *target)
{
	struct hmip_net *hn = an->hn;
	struct dst_entry *dst;
	struct nd_msg msg = {
		.icmph.icmp6_type = NDISC_NEIGHBOUR_SOLICITATION,
		.target = *target,
	};
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.flowi6_oif = ifindex;
	fl6.fl6_icmp_type = NDISC_NEIGHBOUR_SOLICITATION;
	addrconf_addr_solict_mult(target, &fl6.daddr);

	dst = ip6_route_output(hn->net, hn->nd_sk, &fl6);
	if (dst->error) {
		dst_release(dst);
		return;
	}
	if (!hmip_nd_send_icmp(hn, &fl6, dst, &msg, sizeof(msg), GFP_ATOMIC))
		HMIP_ANCHOR_INC_STATS(an, DAD_NS_TX);
}

/* Whether DAD and proxy ND cover @b's link-local twin too (the L flag at
 * a role that defends it, RFC 6275 10.3.1).
 */
static bool hmip_anchor_nd_ll(struct hmip_anchor_net *an,
			      const struct hmip_binding *b)
{
	return an->ops->link_local && (READ_ONCE(b->flags) & HMIP_BU_FLAG_L);
}

/* A DAD probe for @b's address and, where it is defended, its twin. */
static void hmip_anchor_nd_probe(struct hmip_anchor_net *an, int ifindex,
				 const struct hmip_binding *b)
{
	struct in6_addr ll;

	hmip_anchor_nd_send_ns(an, ifindex, &b->rcoa);
	if (hmip_anchor_nd_ll(an, b)) {
		hmip_anchor_link_local(&ll, &b->rcoa);
		hmip_anchor_nd_send_ns(an, ifindex, &ll);
	}
}

/* The binding Neighbour Discovery for @target on link @ifindex is about:
 * its address, or, at a role that defends them, its link-local twin.
 * Context: RCU.
 */
static struct hmip_binding *hmip_anchor_nd_lookup(struct hmip_anchor_net *an,
						  const struct in6_addr *target,
						  int ifindex)
{
	struct hmip_binding *b;

	if (!(ipv6_addr_type(target) & IPV6_ADDR_LINKLOCAL))
		return hmip_anchor_bcache_lookup(&an->bcache, target);
	if (!an->ops->link_local)
		return NULL;
	b = an->ops->lookup_link_local(an, target, ifindex);
	return b && hmip_anchor_nd_ll(an, b) ? b : NULL;
}

/**
 * hmip_anchor_nd_dad_start - begin DAD for a new binding's address
 * @an: the anchors of the binding's role
 * @b: the binding, just created; not valid until DAD is over
 * @dad_time: jiffies DAD lasts, from hmip_anchor_nd_dad_time()
 *
 * The first probe goes now, the others RetransTimer apart (the worker
 * sends them); DAD ends RetransTimer after the last.
 *
 * Context: &hmip_bcache.lock held, BHs off, RCU.
 */
void hmip_anchor_nd_dad_start(struct hmip_anchor_net *an,
			      struct hmip_binding *b, unsigned long dad_time)
{
	struct hmip_anchor *a = hmip_anchor_of(b);
	const struct hmip_anchor_params *p = rcu_dereference(a->params);
	unsigned long retrans;
	unsigned int probes;

	/* The worker reads RetransTimer again for each probe it sends. */
	probes = hmip_anchor_nd_dad_params(an, p->ifindex, &retrans);
	WRITE_ONCE(b->state, HMIP_BINDING_DAD);
	WRITE_ONCE(b->dad_failed, false);
	b->dad_probes = probes ? probes - 1 : 0;
	b->expires = jiffies + dad_time;
	hmip_anchor_bcache_arm(&an->bcache, b);
	hmip_anchor_nd_probe(an, p->ifindex, b);
	HMIP_ANCHOR_INC_STATS(an, DAD_STARTED);
	queue_delayed_work(system_power_efficient_wq, &an->dad_work,
			   HMIP_ANCHOR_ND_DAD_TICK);
}

/* One binding under DAD: answered when it is over, else its next probe
 * when that is due. Context: &hmip_bcache.lock held, BHs off, RCU.
 */
static void hmip_anchor_nd_dad_step(struct hmip_bcache *bc,
				    struct hmip_binding *b)
{
	struct hmip_anchor_net *an = container_of(bc, struct hmip_anchor_net,
						  bcache);
	const struct hmip_anchor_params *p;
	unsigned long retrans;

	if (READ_ONCE(b->dad_failed)) {
		hmip_anchor_bu_dad_done(an, b, false);
		return;
	}
	if (time_after_eq(jiffies, b->expires)) {
		hmip_anchor_bu_dad_done(an, b, true);
		return;
	}
	hmip_anchor_bcache_arm(bc, b);
	if (!b->dad_probes)
		return;
	p = rcu_dereference(hmip_anchor_of(b)->params);
	/* Probe k of n goes (n - k) RetransTimers before the end. A link
	 * that lost its IPv6 settings gets no more probes.
	 */
	if (!hmip_anchor_nd_dad_params(an, p->ifindex, &retrans)) {
		b->dad_probes = 0;
		return;
	}
	if (time_before(jiffies, b->expires - b->dad_probes * retrans))
		return;
	b->dad_probes--;
	hmip_anchor_nd_probe(an, p->ifindex, b);
}

/* Answers the Binding Updates whose DAD is over and sends the probes that
 * are due; the cache walks its list of bindings under DAD in batches.
 */
void hmip_anchor_nd_dad_work(struct work_struct *work)
{
	struct hmip_anchor_net *an = container_of(to_delayed_work(work),
						  struct hmip_anchor_net,
						  dad_work);

	if (hmip_anchor_bcache_dad_walk(&an->bcache, hmip_anchor_nd_dad_step))
		queue_delayed_work(system_power_efficient_wq, &an->dad_work,
				   HMIP_ANCHOR_ND_DAD_TICK);
}

/* Proxy Neighbour Discovery (RFC 4140 section 6.2 through RFC 6275
 * section 10.4.1): while a proxy-ND anchor holds a valid binding for an
 * RCoA, it answers for the RCoA on its link with its own link-layer address.
 * The RCoA belongs to a host, so the Router flag is clear.
 */
static void hmip_anchor_nd_send_na(struct hmip_anchor_net *an,
				   struct net_device *dev,
				   const struct in6_addr *daddr,
				   const struct in6_addr *rcoa, bool solicited,
				   bool override)
{
	ipv6_stub->ndisc_send_na(dev, daddr, rcoa, false, solicited, override,
				 true);
	HMIP_ANCHOR_INC_STATS(an, PROXY_NA);
}

/* The valid binding of @rcoa whose proxy-ND anchor is on link @ifindex,
 * or NULL. Context: RCU.
 */
static struct hmip_binding *hmip_anchor_nd_proxied(struct hmip_anchor_net *an,
						   const struct in6_addr *rcoa,
						   int ifindex)
{
	const struct hmip_anchor_params *p;
	struct hmip_binding *b;

	b = hmip_anchor_nd_lookup(an, rcoa, ifindex);
	if (!b || READ_ONCE(b->state) != HMIP_BINDING_VALID)
		return NULL;
	p = rcu_dereference(hmip_anchor_of(b)->params);
	if (p->mode != HMIP_MAP_MODE_PROXY_ND || p->ifindex != ifindex)
		return NULL;
	return b;
}

/**
 * hmip_anchor_nd_binding_up - announce a new binding's address on the link
 * @an: the anchors of the binding's role
 * @b: the binding, just made valid
 *
 * A proxy-ND anchor sends an unsolicited Neighbour Advertisement with the
 * Override flag to all nodes, so that neighbours which knew the RCoA
 * elsewhere send to the anchor from now on (RFC 6275 section 10.4.1).
 *
 * Context: RCU, BHs off.
 */
void hmip_anchor_nd_binding_up(struct hmip_anchor_net *an,
			       struct hmip_binding *b)
{
	const struct hmip_anchor_params *p;
	struct net_device *dev;
	struct in6_addr ll;

	p = rcu_dereference(hmip_anchor_of(b)->params);
	if (p->mode != HMIP_MAP_MODE_PROXY_ND)
		return;
	dev = dev_get_by_index_rcu(an->hn->net, p->ifindex);
	if (!dev)
		return;
	hmip_anchor_nd_send_na(an, dev, &in6addr_linklocal_allnodes, &b->rcoa,
			       false, true);
	if (hmip_anchor_nd_ll(an, b)) {
		hmip_anchor_link_local(&ll, &b->rcoa);
		hmip_anchor_nd_send_na(an, dev, &in6addr_linklocal_allnodes,
				       &ll, false, true);
	}
}

/* RFC 4861 sections 7.1.1 and 7.1.2, what ndisc checks after this hook
 * runs: the whole ICMPv6 message is there and its checksum is right, the
 * code is 0, and an advertisement to a multicast group is unsolicited.
 * The hop limit (255) and the type were looked at already.
 */
static bool hmip_anchor_nd_valid(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned int len = ntohs(ip6h->payload_len);
	const struct nd_msg *msg = (const struct nd_msg *)(ip6h + 1);

	if (msg->icmph.icmp6_code || len < sizeof(*msg) ||
	    skb->len < sizeof(*ip6h) + len)
		return false;
	if (msg->icmph.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT &&
	    ipv6_addr_is_multicast(&ip6h->daddr) &&
	    msg->icmph.icmp6_solicited)
		return false;
	return !csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
				IPPROTO_ICMPV6,
				skb_checksum(skb, sizeof(*ip6h), len, 0));
}

/* Sees every IPv6 packet that arrives while the role has anchors: only
 * Neighbour Advertisements and Solicitations matter. Either one for an
 * RCoA under DAD, from another node on the anchor's link, makes the
 * registration fail; a Solicitation for a bound RCoA of a proxy-ND anchor
 * gets the anchor's answer. Only a message that ndisc would take counts: one
 * that is malformed or heard on another link is ignored (map_nd_ignored).
 */
static unsigned int hmip_anchor_nd_hook(void *priv, struct sk_buff *skb,
					const struct nf_hook_state *state)
{
	struct hmip_anchor_net *an = priv;
	const struct hmip_anchor_params *p;
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct nd_msg *msg;
	struct hmip_binding *b;
	bool dad;

	if (ip6h->nexthdr != IPPROTO_ICMPV6 || ip6h->hop_limit != 255 ||
	    !state->in || !pskb_may_pull(skb, sizeof(*ip6h) + sizeof(*msg)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	msg = (const struct nd_msg *)(ip6h + 1);
	dad = ipv6_addr_any(&ip6h->saddr);

	if (msg->icmph.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT &&
	    msg->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		return NF_ACCEPT;

	/* The checksum is summed only for a message about an RCoA. */
	if (msg->icmph.icmp6_type == NDISC_NEIGHBOUR_SOLICITATION) {
		b = hmip_anchor_nd_proxied(an, &msg->target,
					   state->in->ifindex);
		if (b) {
			if (!hmip_anchor_nd_valid(skb)) {
				HMIP_ANCHOR_INC_STATS(an, ND_IGNORED);
				return NF_ACCEPT;
			}
			/* RFC 4861 section 7.2.4: a DAD probe is answered to
			 * all nodes, unsolicited, and overrides; a proxy's
			 * answer otherwise does not (section 7.2.8).
			 */
			hmip_anchor_nd_send_na(an, state->in, dad ?
					       &in6addr_linklocal_allnodes :
					       &ip6h->saddr,
					       &msg->target, !dad, dad);
			return NF_ACCEPT;
		}
		if (!dad)
			return NF_ACCEPT;
	}

	b = hmip_anchor_nd_lookup(an, &msg->target, state->in->ifindex);
	if (!b || READ_ONCE(b->state) != HMIP_BINDING_DAD ||
	    READ_ONCE(b->dad_failed))
		return NF_ACCEPT;
	p = rcu_dereference(hmip_anchor_of(b)->params);
	if (p->ifindex != state->in->ifindex || !hmip_anchor_nd_valid(skb)) {
		HMIP_ANCHOR_INC_STATS(an, ND_IGNORED);
		return NF_ACCEPT;
	}
	WRITE_ONCE(b->dad_failed, true);
	HMIP_ANCHOR_INC_STATS(an, DAD_CONFLICT);
	return NF_ACCEPT;
}

/* Called with the role's lock held when its first anchor comes. */
int hmip_anchor_nd_start(struct hmip_anchor_net *an)
{
	an->nd_hook.hook = hmip_anchor_nd_hook;
	an->nd_hook.priv = an;
	an->nd_hook.pf = NFPROTO_IPV6;
	an->nd_hook.hooknum = NF_INET_PRE_ROUTING;
	an->nd_hook.priority = NF_IP6_PRI_FIRST;
	return nf_register_net_hook(an->hn->net, &an->nd_hook);
}

/* Called with the role's lock held when its last anchor goes. */
void hmip_anchor_nd_stop(struct hmip_anchor_net *an)
{
	nf_unregister_net_hook(an->hn->net, &an->nd_hook);
}
