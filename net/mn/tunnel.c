// SPDX-License-Identifier: GPL-2.0
/*
 * The mobile node's bidirectional tunnel to its MAP (RFC 4140 section
 * 6.1): every packet from an RCoA leaves inside an outer header from the
 * LCoA to the MAP, and the MAP's packets for the RCoA arrive inside one
 * from the MAP to the LCoA.
 *
 * The RCoAs live on the node's tunnel device, so applications bind to
 * them and the kernel accepts packets for them. A packet sourced from an
 * RCoA is taken at the end of LOCAL_OUT, whatever route the socket found,
 * and sent through the tunnel device: on the visited link the RCoA
 * appears only in the Binding Update's Home Address option, never as a
 * packet's address (location privacy, section 6.6).
 *
 * The home address lives on a second device, the home tunnel (home.c):
 * its packets leave from the care-of address to the home agent, and the
 * home agent's come back the same way (RFC 6275 section 11.3.1).
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/rtnetlink.h>
#include <net/ip6_tunnel.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "mn/mn.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

static const struct hmip_encap_mib hmip_mn_encap_mib = {
	.limit = HMIP_MIB_MN_ENCAP_DROP_LIMIT,
	.no_route = HMIP_MIB_MN_ENCAP_DROP_NO_ROUTE,
	.loop = HMIP_MIB_MN_ENCAP_DROP_LOOP,
	.too_big = HMIP_MIB_MN_ENCAP_DROP_TOO_BIG,
	.nomem = HMIP_MIB_MN_ENCAP_DROP_NOMEM,
};

/* Context: RCU. The path whose RCoA is @rcoa, or NULL. */
static struct hmip_mn_path *hmip_mn_path_of(const struct hmip_mn *mn,
					    const struct in6_addr *rcoa)
{
	struct hmip_mn_path *path;
	int i;

	for (i = 0; i < HMIP_MN_REGS; i++) {
		path = rcu_dereference(mn->reg[i].path);
		if (path && ipv6_addr_equal(&path->rcoa, rcoa))
			return path;
	}
	return NULL;
}

/* What both tunnels drop, counted by the caller. */
static netdev_tx_t hmip_mn_tunnel_drop(struct net_device *dev,
				       struct sk_buff *skb)
{
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

/* An IPv6 packet, its header linear: what both tunnels can carry. */
static bool hmip_mn_tunnel_ipv6(struct hmip_net *hn, struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    pskb_may_pull(skb, sizeof(struct ipv6hdr)))
		return true;
	HMIP_INC_STATS(hn, MN_ENCAP_DROP_NOT_IPV6);
	return false;
}

static netdev_tx_t hmip_mn_tunnel_xmit(struct sk_buff *skb,
				       struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_mn_path *path;

	if (!hmip_mn_tunnel_ipv6(t->hn, skb))
		return hmip_mn_tunnel_drop(dev, skb);
	rcu_read_lock();
	path = hmip_mn_path_of(t->owner, &ipv6_hdr(skb)->saddr);
	if (!path || ipv6_addr_any(&path->lcoa)) {
		rcu_read_unlock();
		HMIP_INC_STATS(t->hn, MN_ENCAP_DROP_NO_BINDING);
		return hmip_mn_tunnel_drop(dev, skb);
	}
	hmip_tunnel_encap(dev, skb, &path->lcoa, &path->map, &path->route,
			  &hmip_mn_encap_mib);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

const struct hmip_tunnel_ops hmip_mn_tunnel_ops = {
	.xmit = hmip_mn_tunnel_xmit,
};

/* The home tunnel (RFC 6275 section 11.3.1): the home address's packets
 * leave from the care-of address to the home agent. From an RCoA, the
 * outer packet comes through LOCAL_OUT again and goes into the MAP's
 * tunnel: the two nest.
 */
static netdev_tx_t hmip_mn_home_tunnel_xmit(struct sk_buff *skb,
					    struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	const struct hmip_mn *mn = t->owner;
	struct hmip_mn_home_path *path;

	if (!hmip_mn_tunnel_ipv6(t->hn, skb))
		return hmip_mn_tunnel_drop(dev, skb);
	rcu_read_lock();
	path = rcu_dereference(mn->home.path);
	if (!path || path->dev != dev ||
	    !ipv6_addr_equal(&path->hoa, &ipv6_hdr(skb)->saddr)) {
		rcu_read_unlock();
		HMIP_INC_STATS(t->hn, MN_HOME_ENCAP_DROP_NO_BINDING);
		return hmip_mn_tunnel_drop(dev, skb);
	}
	hmip_tunnel_encap(dev, skb, &path->coa, &path->ha, &path->route,
			  &hmip_mn_encap_mib);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

const struct hmip_tunnel_ops hmip_mn_home_tunnel_ops = {
	.xmit = hmip_mn_home_tunnel_xmit,
};

/**
 * hmip_mn_tunnel_intercept - send what an RCoA sends into the tunnel
 * @priv: &struct hmip_net
 * @skb: a locally generated packet
 * @state: the hook's state
 *
 * Link-local and multicast destinations stay on the link; they never have
 * an RCoA as source anyway.
 */
unsigned int hmip_mn_tunnel_intercept(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct hmip_mn_home_path *home;
	struct hmip_net *hn = priv;
	struct hmip_mn *mn;
	int type;

	type = ipv6_addr_type(&ip6h->daddr);
	if (type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MULTICAST |
		    IPV6_ADDR_LOOPBACK))
		return NF_ACCEPT;
	/* To ourselves: stays here (a blackhole route, which xfrm gives
	 * while it negotiates SAs, is on loopback too).
	 */
	if (skb_dst(skb) && skb_dst(skb)->dev->flags & IFF_LOOPBACK)
		return NF_ACCEPT;
	if (hmip_tunnel_xfrm_first(skb))
		return NF_ACCEPT;
	/* Inside a netfilter hook: RCU held. */
	list_for_each_entry_rcu(mn, &hn->mn->mns, list) {
		/* From the home address: to the home agent first, but at
		 * home (care-of address = home address) on the link.
		 */
		home = rcu_dereference(mn->home.path);
		if (home && skb->dev != home->dev &&
		    ipv6_addr_equal(&home->hoa, &ip6h->saddr) &&
		    !ipv6_addr_equal(&home->coa, &home->hoa)) {
			skb->dev = home->dev;
			dev_queue_xmit(skb);
			return NF_STOLEN;
		}
		if (skb->dev == mn->tunnel ||
		    !hmip_mn_path_of(mn, &ip6h->saddr))
			continue;
		skb->dev = mn->tunnel;
		dev_queue_xmit(skb);
		return NF_STOLEN;
	}
	return NF_ACCEPT;
}

/* Packets from a MAP to one of our RCoAs: outer source the MAP of the
 * registration that holds the inner destination; and packets from the
 * home agent to the home address. Anything else is not ours (ip6_tunnel
 * and the other handlers get it).
 */
static int hmip_mn_decap_rcv(struct sk_buff *skb)
{
	struct hmip_net *hn = hmip_net(dev_net(skb->dev));
	const struct hmip_mn_home_path *home;
	const struct ipv6hdr *outer, *inner;
	const struct hmip_mn_path *path;
	struct net_device *dev;
	struct hmip_mn *mn;
	int policy_mib;

	rcu_read_lock();
	if (list_empty(&hn->mn->mns))
		goto not_ours;
	/* skb->data is at the inner header. */
	if (!pskb_may_pull(skb, sizeof(*inner)))
		goto not_ours;
	outer = ipv6_hdr(skb);
	inner = (const struct ipv6hdr *)skb->data;
	list_for_each_entry_rcu(mn, &hn->mn->mns, list) {
		path = hmip_mn_path_of(mn, &inner->daddr);
		if (path && ipv6_addr_equal(&path->map, &outer->saddr)) {
			dev = mn->tunnel;
			policy_mib = HMIP_MIB_MN_DECAP_DROP_POLICY;
			goto found;
		}
		/* From the home agent to the care-of address it holds,
		 * for the home address: the home tunnel's.
		 */
		home = rcu_dereference(mn->home.path);
		if (home && ipv6_addr_equal(&home->ha, &outer->saddr) &&
		    ipv6_addr_equal(&home->coa, &outer->daddr) &&
		    ipv6_addr_equal(&home->hoa, &inner->daddr)) {
			dev = home->dev;
			policy_mib = HMIP_MIB_MN_HOME_DECAP_DROP_POLICY;
			goto found;
		}
	}
not_ours:
	rcu_read_unlock();
	return -EINVAL;

found:
	if (inner->version != 6) {
		HMIP_INC_STATS(hn, MN_DECAP_DROP_MALFORMED);
		goto drop;
	}
	if (!xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb)) {
		HMIP_INC_STATS_IDX(hn, policy_mib);
		goto drop;
	}
	hmip_tunnel_rx(dev, skb, ipv6_get_dsfield(outer),
		       HMIP_MIB_MN_DECAP_DROP_ECN);
	rcu_read_unlock();
	return 0;

drop:
	rcu_read_unlock();
	kfree_skb(skb);
	return 0;
}

static int hmip_mn_decap_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			     u8 type, u8 code, int offset, __be32 info)
{
	const struct ipv6hdr *outer = (const struct ipv6hdr *)skb->data;
	struct net *net = dev_net(skb->dev);
	struct hmip_net *hn = hmip_net(net);
	const struct hmip_mn_path *path;
	struct hmip_mn *mn;
	int i;

	if (type != ICMPV6_PKT_TOOBIG)
		return -ENOENT;
	/* skb->data is at the packet we sent: LCoA to the MAP. */
	rcu_read_lock();
	list_for_each_entry_rcu(mn, &hn->mn->mns, list)
		for (i = 0; i < HMIP_MN_REGS; i++) {
			path = rcu_dereference(mn->reg[i].path);
			if (path && ipv6_addr_equal(&path->lcoa, &outer->saddr) &&
			    ipv6_addr_equal(&path->map, &outer->daddr))
				goto found;
		}
	rcu_read_unlock();
	return -ENOENT;

found:
	rcu_read_unlock();
	/* The path to the MAP shrank: its route remembers, and the next
	 * packets that do not fit get Packet Too Big from the tunnel.
	 */
	ip6_update_pmtu(skb, net, info, 0, 0, sock_net_uid(net, NULL));
	return 0;
}

/* Claims only packets from a MAP to an RCoA of ours; tunnel.c asks it
 * before the MAP's.
 */
const struct hmip_tunnel_demux hmip_mn_tunnel_demux = {
	.rcv = hmip_mn_decap_rcv,
	.err = hmip_mn_decap_err,
};

/* The MTU of a tunnel device whose packets leave through @outer: what
 * @outer carries less the outer header, never below the IPv6 minimum
 * (the outer packet is fragmented then, RFC 2473 section 7.1).
 */
static int hmip_mn_tunnel_inner_mtu(int outer)
{
	return max_t(int, outer - (int)sizeof(struct ipv6hdr), IPV6_MIN_MTU);
}

/**
 * hmip_mn_tunnel_mtu_sync - the tunnel devices' MTU after a setting or
 *	the interface's MTU changed
 * @mn: the mobile node; its worker, before it takes @mn->mutex
 *
 * RFC 5380 section 11: the node counts the encapsulation to the MAP in
 * the MTU it offers upper layers. With rfc 5380 the tunnel device's MTU
 * is the interface's less the outer header, and follows it; the home
 * tunnel, inside it, 40 octets less again. With rfc 4140 both keep the
 * fixed MTUs they were made with (an Ethernet link's), and the path MTU
 * found packet by packet (Packet Too Big from the tunnel) does the rest.
 *
 * Context: process; takes the RTNL. The devices cannot go meanwhile:
 * hmip_mn_del() waits for the worker before it destroys them, and a
 * replaced home tunnel is destroyed under the RTNL.
 */
void hmip_mn_tunnel_mtu_sync(struct hmip_mn *mn)
{
	struct net_device *dev, *home;
	int mtu = ETH_DATA_LEN - sizeof(struct ipv6hdr);

	if (!xchg(&mn->mtu_sync, false))
		return;
	rtnl_lock();
	if (READ_ONCE(mn->rfc) == HMIP_RFC_5380) {
		dev = __dev_get_by_index(mn->hn->net, mn->ifindex);
		if (dev)
			mtu = hmip_mn_tunnel_inner_mtu(READ_ONCE(dev->mtu));
	}
	if (mn->tunnel->mtu != mtu && dev_set_mtu(mn->tunnel, mtu))
		HMIP_INC_STATS(mn->hn, MN_TUNNEL_MTU_ERROR);
	home = READ_ONCE(mn->home_tunnel);
	mtu = hmip_mn_tunnel_inner_mtu(mn->tunnel->mtu);
	if (home && home->mtu != mtu && dev_set_mtu(home, mtu))
		HMIP_INC_STATS(mn->hn, MN_TUNNEL_MTU_ERROR);
	rtnl_unlock();
}
