/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip's tunnel devices (tunnel.c), shared by the MAP and the mobile node:
 * the device and RFC 2473 here, what a packet's outer addresses are in
 * the role that owns the device, reached through &struct hmip_tunnel_ops.
 */
#ifndef _HMIP_TUNNEL_H
#define _HMIP_TUNNEL_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/dst.h>
#include <net/gro_cells.h>

struct hmip_net;
struct inet6_skb_parm;
struct in6_addr;
struct netlink_ext_ack;
struct hmip_tunnel_route;

/**
 * struct hmip_tunnel_ops - what the role that owns a device does with it
 * @xmit: a packet left through the device: find its outer addresses and
 *	hand it to hmip_tunnel_encap(), or drop it (ndo_start_xmit)
 */
struct hmip_tunnel_ops {
	netdev_tx_t (*xmit)(struct sk_buff *skb, struct net_device *dev);
};

/**
 * struct hmip_tunnel - private part of a tunnel device
 * @hn: hmip state of the netns
 * @ops: the owning role's
 * @owner: what in the role owns the device (a MAP, a mobile node
 *	interface); outlives it
 * @gro_cells: decapsulated packets enter the stack here
 */
struct hmip_tunnel {
	struct hmip_net *hn;
	const struct hmip_tunnel_ops *ops;
	void *owner;
	struct gro_cells gro_cells;
};

/**
 * struct hmip_encap_mib - the counters of a role's encapsulation drops
 * @limit: the inner packet's encapsulation limit was used up
 * @no_route: no route to the outer destination
 * @loop: the route leads back into the tunnel
 * @too_big: larger than the tunnel MTU (Packet Too Big sent)
 * @nomem: no room for the outer header
 */
struct hmip_encap_mib {
	int limit;
	int no_route;
	int loop;
	int too_big;
	int nomem;
};

/**
 * hmip_tunnel_xfrm_first - whether IPsec still has to transform a packet
 * @skb: a locally generated packet, at LOCAL_OUT
 *
 * Its route is an xfrm bundle, or a dummy bundle that holds it until the
 * SAs exist: a policy wants it transformed. Taken into a tunnel now, it
 * would lose the bundle (skb_scrub_packet()) and leave in clear. Left
 * alone, it comes through LOCAL_OUT again once transformed, with a plain
 * route, and is tunnelled then.
 */
static inline bool hmip_tunnel_xfrm_first(const struct sk_buff *skb)
{
	const struct dst_entry *dst = skb_dst(skb);

	return dst && (dst->xfrm || dst->flags & DST_XFRM_QUEUE);
}

/**
 * struct hmip_tunnel_demux - a role's receive of IPv6-in-IPv6 packets
 * @rcv: takes a packet (skb->data at the inner header) and returns 0, or
 *	returns non-zero when it is not the role's
 * @err: an ICMPv6 error about a packet the role sent: 0 when it was the
 *	role's, non-zero otherwise
 */
struct hmip_tunnel_demux {
	int (*rcv)(struct sk_buff *skb);
	int (*err)(struct sk_buff *skb, struct inet6_skb_parm *opt, u8 type,
		   u8 code, int offset, __be32 info);
};

int hmip_tunnel_module_init(const struct hmip_tunnel_demux *const *roles,
			    unsigned int n);
void hmip_tunnel_module_exit(void);

struct net_device *hmip_tunnel_create(struct hmip_net *hn, const char *name,
				      const char *template,
				      const struct hmip_tunnel_ops *ops,
				      void *owner,
				      struct netlink_ext_ack *extack);
void hmip_tunnel_destroy(struct net_device *dev);
bool hmip_tunnel_is_ours(const struct net_device *dev);
bool hmip_tunnel_encap(struct net_device *dev, struct sk_buff *skb,
		       const struct in6_addr *saddr,
		       const struct in6_addr *daddr,
		       struct hmip_tunnel_route __rcu **route,
		       const struct hmip_encap_mib *mib);
void hmip_tunnel_route_free(struct hmip_tunnel_route *r);
int hmip_tunnel_rx(struct net_device *dev, struct sk_buff *skb,
		   u8 outer_dsfield, int ecn_drop_mib);

#endif /* _HMIP_TUNNEL_H */
