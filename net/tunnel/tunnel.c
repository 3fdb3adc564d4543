// SPDX-License-Identifier: GPL-2.0
/*
 * hmip's tunnel devices and their encapsulation (RFC 2473): a MAP's
 * (map/tunnel.c: outer destination the LCoA its binding names) and a
 * mobile node's (mn/tunnel.c: outer destination its MAP). The role finds
 * the outer addresses per packet, through the ops it created the device
 * with; this file builds and sends the packet, and knows no role.
 *
 * A device per MAP and per mobile node interface, so that "ip -s link",
 * tcpdump, MTU settings and qdiscs work on one tunnel's traffic as on any
 * Linux tunnel.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/dst.h>
#include <net/dst_cache.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip6_tunnel.h>
#include <net/ip_tunnels.h>
#include <net/xfrm.h>

#include "core/netns.h"
#include "core/trace.h"
#include "tunnel/tunnel.h"

#define HMIP_TUNNEL_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST |		\
			      NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE |	\
			      NETIF_F_HW_CSUM)

/* The Tunnel Encapsulation Limit destination option that the outer header
 * carries when the inner packet had one (RFC 2473 section 4.1.1): the
 * option, then a PadN to fill the eight octets.
 */
struct hmip_tel_hdr {
	u8 nexthdr;
	u8 hdrlen;
	u8 tel_type;
	u8 tel_len;
	u8 encap_limit;
	u8 padn_type;
	u8 padn_len;
	u8 padn_data;
};

static int hmip_tunnel_init(struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	int err;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	err = gro_cells_init(&t->gro_cells, dev);
	if (err) {
		free_percpu(dev->tstats);
		return err;
	}
	return 0;
}

static void hmip_tunnel_uninit(struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);

	gro_cells_destroy(&t->gro_cells);
	free_percpu(dev->tstats);
}

/* The inner packet's Tunnel Encapsulation Limit, or -1 for none; -2 when
 * the limit is used up and the packet must not be tunnelled once more
 * (RFC 2473 section 5.1: Parameter Problem to its source).
 */
static int hmip_tunnel_encap_limit(struct hmip_net *hn, struct sk_buff *skb,
				   const struct hmip_encap_mib *mib)
{
	struct ipv6_tlv_tnl_enc_lim *tel;
	u16 off;

	/* The option may sit in any Destination Options header of the chain,
	 * behind Hop-by-Hop Options or a routing header: walk it as
	 * ip6_tunnel does. It may reallocate the head: no header pointer
	 * survives it.
	 */
	off = ip6_tnl_parse_tlv_enc_lim(skb, skb_network_header(skb));
	if (!off)
		return -1;
	tel = (void *)&skb_network_header(skb)[off];
	if (tel->encap_limit)
		return tel->encap_limit - 1;
	HMIP_INC_STATS_IDX(hn, mib->limit);
	if (hmip_ratelimit_icmp_allow(hn, &ipv6_hdr(skb)->saddr))
		icmpv6_ndo_send(skb, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
				off + 2);
	return -2;
}

/* hmip:hmip_tunnel_drop for a packet counted in @mib; @skb at its (inner)
 * IPv6 header.
 */
static void hmip_tunnel_trace_drop(const struct net_device *dev, int mib,
				   const struct sk_buff *skb,
				   const struct in6_addr *remote)
{
	trace_hmip_tunnel_drop(dev, hmip_stats_name(mib), &ipv6_hdr(skb)->saddr,
			       &ipv6_hdr(skb)->daddr, remote, skb->len);
}

static void hmip_tunnel_push_tel(struct sk_buff *skb, int encap_limit)
{
	struct hmip_tel_hdr *h = skb_push(skb, sizeof(*h));

	h->nexthdr = NEXTHDR_IPV6;
	h->hdrlen = 0;
	h->tel_type = IPV6_TLV_TNL_ENCAP_LIMIT;
	h->tel_len = 1;
	h->encap_limit = encap_limit;
	h->padn_type = IPV6_TLV_PADN;
	h->padn_len = 1;
	h->padn_data = 0;
}

/**
 * struct hmip_tunnel_route - the outer route to one tunnel destination
 * @cache: the route, per CPU, as ip6_tunnel keeps its one
 * @saddr: the outer source it was looked up for
 * @daddr: the outer destination it was looked up for
 * @rcu: for a route replaced while readers may still use it
 */
struct hmip_tunnel_route {
	struct dst_cache cache;
	struct in6_addr saddr;
	struct in6_addr daddr;
	struct rcu_head rcu;
};

/**
 * hmip_tunnel_route_free - free a cached route no reader can reach any more
 * @r: the route, or NULL
 *
 * Context: any; after an RCU grace period since @r was unpublished.
 */
void hmip_tunnel_route_free(struct hmip_tunnel_route *r)
{
	if (!r)
		return;
	dst_cache_destroy(&r->cache);
	kfree(r);
}

static void hmip_tunnel_route_free_rcu(struct rcu_head *head)
{
	hmip_tunnel_route_free(container_of(head, struct hmip_tunnel_route,
					    rcu));
}

/* The cache in @slot for @saddr -> @daddr, made now when @slot is empty
 * or holds another pair (a binding's new LCoA): allocated only for what
 * carries traffic, so a million idle bindings cost nothing more. NULL when
 * memory is short or another CPU replaced the slot at the same moment:
 * the packet then takes the full lookup.
 */
static struct hmip_tunnel_route *
hmip_tunnel_route_slot(struct hmip_tunnel_route __rcu **slot,
		       const struct in6_addr *saddr,
		       const struct in6_addr *daddr)
{
	struct hmip_tunnel_route *r, *old;

	old = rcu_dereference(*slot);
	if (likely(old && ipv6_addr_equal(&old->daddr, daddr) &&
		   ipv6_addr_equal(&old->saddr, saddr)))
		return old;
	r = kmalloc(sizeof(*r), GFP_ATOMIC);
	if (!r)
		return NULL;
	if (dst_cache_init(&r->cache, GFP_ATOMIC)) {
		kfree(r);
		return NULL;
	}
	r->saddr = *saddr;
	r->daddr = *daddr;
	if (unrcu_pointer(cmpxchg(slot, RCU_INITIALIZER(old),
				  RCU_INITIALIZER(r))) != old) {
		hmip_tunnel_route_free(r);
		return NULL;
	}
	if (old)
		call_rcu(&old->rcu, hmip_tunnel_route_free_rcu);
	return r;
}

/* Routes the outer packet, @saddr to @daddr, through IPsec if a policy
 * asks for it. The route (the xfrm bundle, if any) is kept in @slot when
 * there is one, as ip6_tunnel keeps its own: a route or policy change
 * makes it stale and dst_cache_get() looks it up again. A marked packet
 * may route differently and is always looked up.
 */
static struct dst_entry *hmip_tunnel_route(struct net *net,
					   const struct in6_addr *saddr,
					   const struct in6_addr *daddr,
					   struct sk_buff *skb, u8 dsfield,
					   struct hmip_tunnel_route __rcu **slot,
					   struct flowi6 *fl6)
{
	struct hmip_tunnel_route *r = NULL;
	struct dst_entry *dst;

	memset(fl6, 0, sizeof(*fl6));
	fl6->flowi6_proto = IPPROTO_IPV6;
	fl6->flowi6_mark = skb->mark;
	fl6->flowi6_uid = sock_net_uid(net, NULL);
	fl6->flowlabel = ip6_make_flowinfo(dsfield, 0);
	fl6->saddr = *saddr;
	fl6->daddr = *daddr;

	if (slot && !skb->mark) {
		r = hmip_tunnel_route_slot(slot, saddr, daddr);
		if (r) {
			dst = dst_cache_get(&r->cache);
			if (dst)
				return dst;
		}
	}
	dst = ip6_route_output(net, NULL, fl6);
	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	dst = xfrm_lookup(net, dst, flowi6_to_flowi(fl6), NULL, 0);
	if (IS_ERR(dst))
		return NULL;
	if (r)
		dst_cache_set_ip6(&r->cache, dst, saddr);
	return dst;
}

/**
 * hmip_tunnel_encap - encapsulate and send one packet (RFC 2473)
 * @dev: the tunnel device the packet left through
 * @skb: the inner packet; consumed
 * @saddr: outer source
 * @daddr: outer destination
 * @route: where the outer route is cached for this @saddr and @daddr (a
 *	binding's), or NULL to look it up per packet
 * @mib: the counters of the role, for the drops
 *
 * Context: RCU, BH.
 * Return: true when sent, false when dropped (and counted).
 */
bool hmip_tunnel_encap(struct net_device *dev, struct sk_buff *skb,
		       const struct in6_addr *saddr,
		       const struct in6_addr *daddr,
		       struct hmip_tunnel_route __rcu **route,
		       const struct hmip_encap_mib *mib)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	struct hmip_net *hn = t->hn;
	struct net *net = hn->net;
	unsigned int headroom;
	int encap_limit, mtu;
	struct ipv6hdr *ip6h;
	bool fragment = false;
	struct dst_entry *dst;
	struct flowi6 fl6;
	u8 dsfield;

	encap_limit = hmip_tunnel_encap_limit(hn, skb, mib);
	if (encap_limit == -2) {
		hmip_tunnel_trace_drop(dev, mib->limit, skb, daddr);
		goto drop;
	}

	ip6h = ipv6_hdr(skb);
	dsfield = ipv6_get_dsfield(ip6h);
	dst = hmip_tunnel_route(net, saddr, daddr, skb, dsfield, route, &fl6);
	if (!dst) {
		HMIP_INC_STATS_IDX(hn, mib->no_route);
		hmip_tunnel_trace_drop(dev, mib->no_route, skb, daddr);
		DEV_STATS_INC(dev, tx_carrier_errors);
		dst_link_failure(skb);
		goto drop;
	}
	if (dst->dev == dev) {
		HMIP_INC_STATS_IDX(hn, mib->loop);
		hmip_tunnel_trace_drop(dev, mib->loop, skb, daddr);
		DEV_STATS_INC(dev, collisions);
		goto drop_dst;
	}

	/* RFC 2473 section 7: the tunnel MTU is the path MTU to the LCoA
	 * less the encapsulation, but never below the IPv6 minimum: the
	 * outer packet is fragmented instead (section 7.1).
	 */
	mtu = dst_mtu(dst) - sizeof(*ip6h);
	if (encap_limit >= 0)
		mtu -= sizeof(struct hmip_tel_hdr);
	mtu = min_t(int, mtu, READ_ONCE(dev->mtu));
	if (mtu < IPV6_MIN_MTU) {
		mtu = IPV6_MIN_MTU;
		fragment = true;
	}
	skb_dst_update_pmtu_no_confirm(skb, mtu);
	if (skb->len > mtu &&
	    (!skb_is_gso(skb) || !skb_gso_validate_network_len(skb, mtu))) {
		HMIP_INC_STATS_IDX(hn, mib->too_big);
		hmip_tunnel_trace_drop(dev, mib->too_big, skb, daddr);
		if (hmip_ratelimit_icmp_allow(hn, &ipv6_hdr(skb)->saddr))
			icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
		goto drop_dst;
	}

	/* Exactly what is pushed: a copy of the packet for eight octets it
	 * never needs would cost more than the whole encapsulation.
	 */
	headroom = LL_RESERVED_SPACE(dst->dev) + dst->header_len +
		   sizeof(*ip6h);
	if (encap_limit >= 0)
		headroom += sizeof(struct hmip_tel_hdr);
	if (skb_cow_head(skb, headroom) ||
	    iptunnel_handle_offloads(skb, SKB_GSO_IPXIP6)) {
		HMIP_INC_STATS_IDX(hn, mib->nomem);
		hmip_tunnel_trace_drop(dev, mib->nomem, skb, daddr);
		goto drop_dst;
	}
	skb_set_inner_ipproto(skb, IPPROTO_IPV6);
	skb_scrub_packet(skb, false);
	/* After the scrub, which clears it: without it ip6_fragment() would
	 * refuse the outer packet and send Packet Too Big to ourselves, and
	 * the inner source, which cannot go below 1280, would never know.
	 */
	skb->ignore_df = fragment;
	skb_dst_set(skb, dst);

	if (encap_limit >= 0)
		hmip_tunnel_push_tel(skb, encap_limit);
	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, INET_ECN_encapsulate(dsfield, dsfield),
		     ip6_make_flowlabel(net, skb, 0, true, &fl6));
	ip6h->nexthdr = encap_limit >= 0 ? NEXTHDR_DEST : IPPROTO_IPV6;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	skb->protocol = htons(ETH_P_IPV6);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));

	ip6tunnel_xmit(NULL, skb, dev);
	return true;

drop_dst:
	dst_release(dst);
drop:
	DEV_STATS_INC(dev, tx_dropped);
	kfree_skb(skb);
	return false;
}

/**
 * hmip_tunnel_rx - hand a decapsulated packet to the stack
 * @dev: the tunnel device it arrives on
 * @skb: the packet, skb->data at the inner IPv6 header; consumed
 * @outer_dsfield: traffic class of the outer header
 * @ecn_drop_mib: counter for a packet RFC 6040 says to drop
 *
 * Context: RCU, BH.
 * Return: the inner packet's length, or -1 when it was dropped.
 */
int hmip_tunnel_rx(struct net_device *dev, struct sk_buff *skb,
		   u8 outer_dsfield, int ecn_drop_mib)
{
	struct hmip_tunnel *t = netdev_priv(dev);
	int len;

	skb->protocol = htons(ETH_P_IPV6);
	skb_reset_network_header(skb);
	/* The device has no link-layer header: the outer packet's Ethernet
	 * header must not pass for the inner packet's (mac_len, nft's @ll,
	 * tc at ingress), as ip6_tnl_rcv() resets it too.
	 */
	skb_reset_mac_header(skb);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	__skb_tunnel_rx(skb, dev, t->hn->net);
	/* RFC 6040: congestion marked on the way reaches the inner packet. */
	if (INET_ECN_decapsulate(skb, outer_dsfield,
				 ipv6_get_dsfield(ipv6_hdr(skb))) > 1) {
		HMIP_INC_STATS_IDX(t->hn, ecn_drop_mib);
		hmip_tunnel_trace_drop(dev, ecn_drop_mib, skb, &in6addr_any);
		DEV_STATS_INC(dev, rx_frame_errors);
		kfree_skb(skb);
		return -1;
	}
	len = skb->len;
	dev_sw_netstats_rx_add(dev, len);
	skb_scrub_packet(skb, false);
	gro_cells_receive(&t->gro_cells, skb);
	return len;
}

static netdev_tx_t hmip_tunnel_xmit(struct sk_buff *skb,
				    struct net_device *dev)
{
	struct hmip_tunnel *t = netdev_priv(dev);

	return t->ops->xmit(skb, dev);
}

static const struct net_device_ops hmip_tunnel_ops = {
	.ndo_init = hmip_tunnel_init,
	.ndo_uninit = hmip_tunnel_uninit,
	.ndo_start_xmit = hmip_tunnel_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
};

/**
 * hmip_tunnel_is_ours - whether @dev is one of hmip's tunnel devices
 * @dev: any device
 *
 * A MAP's and a mobile node's alike: they share the ops.
 */
bool hmip_tunnel_is_ours(const struct net_device *dev)
{
	return dev->netdev_ops == &hmip_tunnel_ops;
}

static void hmip_tunnel_setup(struct net_device *dev)
{
	dev->netdev_ops = &hmip_tunnel_ops;
	dev->needs_free_netdev = true;
	dev->type = ARPHRD_TUNNEL6;
	dev->flags |= IFF_NOARP;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->addr_len = 0;
	dev->hard_header_len = 0;
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			       sizeof(struct hmip_tel_hdr);
	dev->mtu = ETH_DATA_LEN - sizeof(struct ipv6hdr);
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP6_MAX_MTU - sizeof(struct ipv6hdr) -
		       sizeof(struct hmip_tel_hdr);
	/* It belongs to a MAP or a mobile node of this netns and goes with it. */
	dev->features |= NETIF_F_NETNS_LOCAL | NETIF_F_LLTX |
			 HMIP_TUNNEL_FEATURES;
	dev->hw_features |= HMIP_TUNNEL_FEATURES;
	netif_keep_dst(dev);
}

/* The roles that receive IPv6-in-IPv6, in the order they are asked. */
static const struct hmip_tunnel_demux *const *hmip_tunnel_roles __ro_after_init;
static unsigned int hmip_tunnel_n_roles __ro_after_init;

static int hmip_tunnel_demux_rcv(struct sk_buff *skb)
{
	unsigned int i;

	for (i = 0; i < hmip_tunnel_n_roles; i++)
		if (!hmip_tunnel_roles[i]->rcv(skb))
			return 0;
	return -EINVAL;
}

static int hmip_tunnel_demux_err(struct sk_buff *skb,
				 struct inet6_skb_parm *opt, u8 type, u8 code,
				 int offset, __be32 info)
{
	unsigned int i;

	for (i = 0; i < hmip_tunnel_n_roles; i++)
		if (!hmip_tunnel_roles[i]->err(skb, opt, type, code, offset,
					       info))
			return 0;
	return -ENOENT;
}

/* One handler on the kernel's IPv6-in-IPv6 demultiplexer (tunnel6),
 * ahead of every in-tree one (ip6_tunnel and sit 1, vti6 0, xfrm6_tunnel
 * 3): each role claims only its own packets and passes on the rest, so
 * those keep working.
 */
static struct xfrm6_tunnel hmip_tunnel_handler __read_mostly = {
	.handler = hmip_tunnel_demux_rcv,
	.err_handler = hmip_tunnel_demux_err,
	.priority = -2,
};

/**
 * hmip_tunnel_module_init - receive IPv6-in-IPv6 for the roles
 * @roles: the roles' receive functions, asked in this order
 * @n: entries in @roles
 *
 * Return: 0 or the error of xfrm6_tunnel_register().
 */
int hmip_tunnel_module_init(const struct hmip_tunnel_demux *const *roles,
			    unsigned int n)
{
	hmip_tunnel_roles = roles;
	hmip_tunnel_n_roles = n;
	return xfrm6_tunnel_register(&hmip_tunnel_handler, AF_INET6);
}

void hmip_tunnel_module_exit(void)
{
	xfrm6_tunnel_deregister(&hmip_tunnel_handler, AF_INET6);
}

/**
 * hmip_tunnel_create - create and bring up a tunnel device
 * @hn: hmip state of the netns
 * @name: device name, or NULL for @template
 * @template: a name with "%d", for the kernel to number
 * @ops: the owning role's
 * @owner: what in the role owns it; outlives it
 * @extack: for the reason it failed
 *
 * Context: process; takes the RTNL.
 * Return: the device, or an ERR_PTR().
 */
struct net_device *hmip_tunnel_create(struct hmip_net *hn, const char *name,
				      const char *template,
				      const struct hmip_tunnel_ops *ops,
				      void *owner,
				      struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct hmip_tunnel *t;
	int err;

	dev = alloc_netdev(sizeof(*t), name ?: template,
			   name ? NET_NAME_USER : NET_NAME_ENUM,
			   hmip_tunnel_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, hn->net);
	t = netdev_priv(dev);
	t->hn = hn;
	t->ops = ops;
	t->owner = owner;

	rtnl_lock();
	err = register_netdevice(dev);
	if (err) {
		rtnl_unlock();
		free_netdev(dev);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack, "the tunnel device name is taken");
		else
			NL_SET_ERR_MSG(extack, "cannot register the tunnel device");
		return ERR_PTR(err);
	}
	err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
	if (err) {
		unregister_netdevice(dev);
		rtnl_unlock();
		return ERR_PTR(err);
	}
	rtnl_unlock();
	return dev;
}

/**
 * hmip_tunnel_destroy - unregister a tunnel device
 * @dev: the device, or NULL
 *
 * Waits for every packet in flight through the device (synchronize_net()
 * in the unregistration), so its owner can be freed after it.
 *
 * Context: process; takes the RTNL.
 */
void hmip_tunnel_destroy(struct net_device *dev)
{
	if (!dev)
		return;
	rtnl_lock();
	unregister_netdevice(dev);
	rtnl_unlock();
}
