/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What Mobility Header messages need of xfrm: the route optimization
 * states that let the kernel accept a Home Address option or a type 2
 * routing header, and the IPsec check of a received message.
 */
#ifndef _HMIP_MH_XFRM_H
#define _HMIP_MH_XFRM_H

#include <linux/in6.h>
#include <linux/types.h>
#include <net/ipv6.h>

struct net;
struct sk_buff;
struct xfrm_state;

/**
 * struct hmip_sa_id - the IPsec SA a binding belongs to, and what of it
 *	survives a rekey
 * @peer: the SA's source address (its props.saddr): the mobile node that
 *	keyed it, or the IKE peer that negotiated it
 * @selector: keyed digest of the SA's selector, mark and interface id
 *	(hmip_mh_xfrm_protected())
 * @spi: its Security Parameter Index
 * @reqid: its request id, which IKE daemons keep across rekeys
 * @proto: IPPROTO_ESP or IPPROTO_AH; 0 when no SA is known
 * @sel_host: its selector names a single source address (/128): for a
 *	Binding Update, the RCoA; IKE narrows a CHILD_SA to the address it
 *	allocated to the peer (RFC 4877 section 9)
 *
 * The SA's destination is the MAP's address: xfrm found the SA by it, the
 * SPI and the protocol. No reference is held, so the SA may go while the
 * binding stays (RFC 4140 section 12.1).
 */
struct hmip_sa_id {
	struct in6_addr peer;
	u64 selector;
	__be32 spi;
	u32 reqid;
	u8 proto;
	bool sel_host;
};

static inline bool hmip_sa_id_equal(const struct hmip_sa_id *a,
				    const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->spi == b->spi &&
	       a->reqid == b->reqid && a->selector == b->selector &&
	       ipv6_addr_equal(&a->peer, &b->peer);
}

/* The same SA, whatever its peer address became (IKE's MOBIKE moves it). */
static inline bool hmip_sa_id_same_sa(const struct hmip_sa_id *a,
				      const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->spi == b->spi;
}

/* What a rekey keeps: IKE replaces a CHILD_SA by one with a new SPI for
 * the same peer, selector and reqid, as "ip xfrm" does by hand.
 */
static inline bool hmip_sa_id_successor(const struct hmip_sa_id *a,
					const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->reqid == b->reqid &&
	       a->selector == b->selector && ipv6_addr_equal(&a->peer, &b->peer);
}

struct xfrm_state *hmip_mh_xfrm_ro_add(struct net *net, u8 proto,
				       const struct in6_addr *addr);
void hmip_mh_xfrm_ro_keep(struct net *net, u8 proto,
			  const struct in6_addr *addr, struct xfrm_state **x);
void hmip_mh_xfrm_ro_del(struct xfrm_state *x);
bool hmip_mh_xfrm_protected_msg(const struct sk_buff *skb, u8 proto, u8 type,
				struct hmip_sa_id *sa);
bool hmip_mh_xfrm_protected(const struct sk_buff *skb, struct hmip_sa_id *sa);

#endif /* _HMIP_MH_XFRM_H */
