// SPDX-License-Identifier: GPL-2.0
/*
 * Interception of packets for bound addresses (RFC 4140 section 6.2): the
 * MAP "acts as a local home agent", so every packet addressed to a bound
 * RCoA goes into the anchor's tunnel instead of where the routing table
 * would send it.
 *
 * Two netfilter hooks, registered while the role has anchors, make that
 * routing decision without any per-binding route or neighbour entry: one
 * at the end of PRE_ROUTING for forwarded packets (after the user's own
 * rules there, in place of the route lookup), one at the end of LOCAL_OUT
 * for the node's own. A packet whose destination lies in an anchor's
 * prefix (a MAP's /64) and has a valid binding is handed to that anchor's
 * tunnel device; the binding cache is the only table. Without a binding,
 * a proxy-ND anchor lets the packet go its normal way (the prefix is on
 * its link), a routed one answers ICMPv6 address unreachable: nothing
 * else lives in its prefix.
 *
 * The forwarding hook does what ip6_forward() would have done before the
 * tunnel: the forwarding sysctl, the IPsec forward policy and the hop
 * limit. The local hook leaves a packet that IPsec must transform first
 * to xfrm; it comes back through LOCAL_OUT transformed.
 */
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>

#include <net/xfrm.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

enum hmip_intercept_verdict {
	HMIP_INTERCEPT_PASS,
	HMIP_INTERCEPT_TUNNEL,
	HMIP_INTERCEPT_UNREACHABLE,
};

/* Neighbour Discovery for a bound address is the anchor's own business
 * on its link (nd.c), never the mobile node's: it is not tunnelled.
 */
static bool hmip_intercept_is_nd(const struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 _type, *type;

	if (ip6h->nexthdr != IPPROTO_ICMPV6 || ip6h->hop_limit != 255)
		return false;
	type = skb_header_pointer(skb, skb_network_offset(skb) + sizeof(*ip6h),
				  sizeof(_type), &_type);
	return type && *type >= NDISC_ROUTER_SOLICITATION &&
	       *type <= NDISC_REDIRECT;
}

/* Context: RCU. Sets *@ap to the anchor whose prefix holds the destination
 * and, for %HMIP_INTERCEPT_TUNNEL, *@bp to its binding: the one lookup of
 * the packet, which the tunnel uses.
 */
static enum hmip_intercept_verdict
hmip_intercept_classify(struct hmip_anchor_net *an, const struct sk_buff *skb,
			struct hmip_anchor **ap, struct hmip_binding **bp)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct hmip_anchor_params *p;
	struct hmip_binding *b;
	struct hmip_anchor *a;

	a = an->ops->lookup_prefix(an, &ip6h->daddr);
	if (!a || ipv6_addr_equal(&ip6h->daddr, &a->addr) ||
	    hmip_intercept_is_nd(skb))
		return HMIP_INTERCEPT_PASS;
	*ap = a;
	b = hmip_anchor_bcache_lookup(&an->bcache, &ip6h->daddr);
	if (b && b->owner == a && READ_ONCE(b->state) == HMIP_BINDING_VALID) {
		*bp = b;
		return HMIP_INTERCEPT_TUNNEL;
	}
	p = rcu_dereference(a->params);
	if (p->mode != HMIP_MAP_MODE_ROUTED ||
	    ipv6_chk_addr(an->hn->net, &ip6h->daddr, NULL, 0))
		return HMIP_INTERCEPT_PASS;
	return HMIP_INTERCEPT_UNREACHABLE;
}

static unsigned int hmip_intercept_unreachable(struct hmip_anchor_net *an,
					       struct sk_buff *skb)
{
	HMIP_ANCHOR_INC_STATS(an, INTERCEPT_UNREACHABLE);
	if (hmip_ratelimit_icmp_allow(an->hn, &ipv6_hdr(skb)->saddr))
		icmpv6_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
	return NF_DROP;
}

/* LOCAL_OUT may run with BHs on; the transmit wants them off, as under
 * dev_queue_xmit().
 */
static unsigned int hmip_intercept_to_tunnel(struct hmip_anchor *a,
					     struct hmip_binding *b,
					     struct sk_buff *skb)
{
	local_bh_disable();
	hmip_anchor_xmit_send(a, b, skb);
	local_bh_enable();
	return NF_STOLEN;
}

/* What ip6_forward() checks before anything else, in its order: an
 * anchor is a router, and a packet it may not forward must not reach the tunnel
 * (or earn an ICMPv6 error) either.
 */
static bool hmip_intercept_may_forward(struct hmip_anchor_net *an,
				       struct sk_buff *skb)
{
	struct net *net = an->hn->net;
	struct inet6_dev *idev;

	if (!READ_ONCE(net->ipv6.devconf_all->forwarding)) {
		HMIP_ANCHOR_INC_STATS(an, INTERCEPT_DROP_FORWARDING);
		return false;
	}
	idev = __in6_dev_get(skb->dev);
	if (!READ_ONCE(net->ipv6.devconf_all->disable_policy) &&
	    (!idev || !READ_ONCE(idev->cnf.disable_policy)) &&
	    !xfrm6_policy_check(NULL, XFRM_POLICY_FWD, skb)) {
		HMIP_ANCHOR_INC_STATS(an, INTERCEPT_DROP_POLICY);
		return false;
	}
	return true;
}

/* Packets the node forwards. What ip6_forward() would do before handing
 * a packet to the output device is done here: forwarding enabled, the
 * forward policy, the hop limit.
 */
static unsigned int hmip_intercept_forward(void *priv, struct sk_buff *skb,
					   const struct nf_hook_state *state)
{
	enum hmip_intercept_verdict verdict;
	struct hmip_anchor_net *an = priv;
	struct hmip_binding *b = NULL;
	struct hmip_anchor *a = NULL;
	struct ipv6hdr *ip6h;

	if (skb->pkt_type != PACKET_HOST)
		return NF_ACCEPT;
	verdict = hmip_intercept_classify(an, skb, &a, &b);
	if (verdict == HMIP_INTERCEPT_PASS)
		return NF_ACCEPT;
	if (!hmip_intercept_may_forward(an, skb))
		return NF_DROP;
	if (verdict == HMIP_INTERCEPT_UNREACHABLE)
		return hmip_intercept_unreachable(an, skb);

	if (ipv6_hdr(skb)->hop_limit <= 1) {
		HMIP_ANCHOR_INC_STATS(an, INTERCEPT_HOP_LIMIT);
		if (hmip_ratelimit_icmp_allow(an->hn, &ipv6_hdr(skb)->saddr))
			icmpv6_send(skb, ICMPV6_TIME_EXCEED,
				    ICMPV6_EXC_HOPLIMIT, 0);
		return NF_DROP;
	}
	if (skb_ensure_writable(skb, sizeof(*ip6h))) {
		HMIP_ANCHOR_INC_STATS(an, ENCAP_DROP_NOMEM);
		return NF_DROP;
	}
	ip6h = ipv6_hdr(skb);
	ip6h->hop_limit--;
	/* As skb_forward_csum(): a received checksum no longer matches. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	skb_dst_drop(skb);
	return hmip_intercept_to_tunnel(a, b, skb);
}

/* Packets the node itself sends to a bound address (an ICMPv6 error, a
 * ping).
 */
static unsigned int hmip_intercept_local(void *priv, struct sk_buff *skb,
					 const struct nf_hook_state *state)
{
	struct hmip_anchor_net *an = priv;
	struct hmip_binding *b = NULL;
	struct hmip_anchor *a = NULL;

	/* IPsec first; a blackhole route (SAs being negotiated) drops it. */
	if (hmip_tunnel_xfrm_first(skb) ||
	    (skb_dst(skb) && skb_dst(skb)->dev->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	switch (hmip_intercept_classify(an, skb, &a, &b)) {
	case HMIP_INTERCEPT_PASS:
		return NF_ACCEPT;
	case HMIP_INTERCEPT_UNREACHABLE:
		/* No ICMPv6 to ourselves: the sender learns from the error. */
		HMIP_ANCHOR_INC_STATS(an, INTERCEPT_UNREACHABLE);
		return NF_DROP_ERR(-EHOSTUNREACH);
	case HMIP_INTERCEPT_TUNNEL:
		break;
	}
	return hmip_intercept_to_tunnel(a, b, skb);
}

int hmip_anchor_intercept_start(struct hmip_anchor_net *an)
{
	static const struct {
		nf_hookfn *hook;
		unsigned int hooknum;
	} hooks[] = {
		{ hmip_intercept_forward, NF_INET_PRE_ROUTING },
		{ hmip_intercept_local, NF_INET_LOCAL_OUT },
	};
	struct nf_hook_ops *ops = an->intercept_hooks;
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(hooks) != ARRAY_SIZE(an->intercept_hooks));
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		ops[i].hook = hooks[i].hook;
		ops[i].hooknum = hooks[i].hooknum;
		ops[i].pf = NFPROTO_IPV6;
		ops[i].priv = an;
		/* Last: the user's rules have seen the packet, as before
		 * routing.
		 */
		ops[i].priority = NF_IP6_PRI_LAST;
	}
	return nf_register_net_hooks(an->hn->net, ops, ARRAY_SIZE(hooks));
}

void hmip_anchor_intercept_stop(struct hmip_anchor_net *an)
{
	nf_unregister_net_hooks(an->hn->net, an->intercept_hooks,
				ARRAY_SIZE(an->intercept_hooks));
}
