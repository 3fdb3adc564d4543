// SPDX-License-Identifier: GPL-2.0
/*
 * Route optimization states and the IPsec check of Mobility Header
 * messages (design.rst, security.rst).
 */
#include <linux/ipv6.h>
#include <linux/net.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "mh/xfrm.h"

/**
 * hmip_mh_xfrm_ro_add - let the kernel accept a mobility header for @addr
 * @net: the netns
 * @proto: %IPPROTO_DSTOPTS for a Home Address option sent to @addr (a
 *	MAP), %IPPROTO_ROUTING for a type 2 routing header naming @addr (an
 *	RCoA)
 * @addr: the local address
 *
 * ipv6_dest_hao() and ipv6_rthdr_rcv() drop the header unless
 * xfrm6_input_addr() finds a route optimization state for it. A state with
 * a wildcard source and any care-of address lets every such packet through
 * that step; what it carries is then checked by hmip, IPsec included.
 * Upper layers other than hmip's refuse these packets: the state in their
 * secpath fails the generic policy check.
 *
 * Context: process.
 * Return: the state, with a reference for the caller; NULL when an equal
 * state exists already (added by the admin: it does the same job); or an
 * ERR_PTR().
 */
struct xfrm_state *hmip_mh_xfrm_ro_add(struct net *net, u8 proto,
				       const struct in6_addr *addr)
{
	struct xfrm_state *x;
	int err;

	x = xfrm_state_alloc(net);
	if (!x)
		return ERR_PTR(-ENOMEM);

	x->id.proto = proto;
	x->id.daddr.in6 = *addr;
	x->props.family = AF_INET6;
	x->props.mode = XFRM_MODE_ROUTEOPTIMIZATION;
	x->props.flags = XFRM_STATE_WILDRECV;
	x->sel.family = AF_INET6;
	x->sel.daddr.in6 = *addr;
	x->sel.prefixlen_d = 128;
	/* mip6_*_input() compare against it: any care-of address. */
	x->coaddr = kzalloc(sizeof(*x->coaddr), GFP_KERNEL);
	if (!x->coaddr) {
		err = -ENOMEM;
		goto err_put;
	}

	err = xfrm_init_state(x);
	if (err)
		goto err_put;
	err = xfrm_state_add(x);
	if (err)
		goto err_put;
	/* The state table owns the allocation's reference and drops it when
	 * the state is deleted, by us or by "ip xfrm state flush": keep one
	 * of our own.
	 */
	xfrm_state_hold(x);
	return x;

err_put:
	x->km.state = XFRM_STATE_DEAD;
	xfrm_state_put(x);
	return err == -EEXIST ? NULL : ERR_PTR(err);
}

/**
 * hmip_mh_xfrm_ro_keep - add a route optimization state that is missing
 * @net: the netns
 * @proto: as for hmip_mh_xfrm_ro_add()
 * @addr: the local address
 * @x: the state kept for @addr: an ERR_PTR() when it was never added or
 *	the last try failed, NULL when an equal state of the admin's does
 *	the job
 *
 * Adds it again when the last try failed or someone deleted it ("ip xfrm
 * state flush"): without it the kernel drops what is addressed to @addr
 * through the header.
 *
 * Context: process.
 */
void hmip_mh_xfrm_ro_keep(struct net *net, u8 proto,
			  const struct in6_addr *addr, struct xfrm_state **x)
{
	if (!IS_ERR(*x) && (!*x || (*x)->km.state != XFRM_STATE_DEAD))
		return;
	hmip_mh_xfrm_ro_del(*x);
	*x = hmip_mh_xfrm_ro_add(net, proto, addr);
}

/* Context: process. @x may be NULL or an ERR_PTR(). */
void hmip_mh_xfrm_ro_del(struct xfrm_state *x)
{
	if (IS_ERR_OR_NULL(x))
		return;
	/* Drops the table's reference unless someone deleted it already. */
	xfrm_state_delete(x);
	xfrm_state_put(x);
}

/* __xfrm6_selector_match() (not exported) for the flow of a message of
 * @proto and @type (a Mobility Header's, or an ICMPv6 message's with code
 * 0), received on @oif.
 */
static bool hmip_mh_selector_match(const struct xfrm_selector *sel,
				   const struct ipv6hdr *ip6h, u8 proto,
				   u8 type, int oif)
{
	return addr_match(&ip6h->daddr, &sel->daddr, sel->prefixlen_d) &&
	       addr_match(&ip6h->saddr, &sel->saddr, sel->prefixlen_s) &&
	       !(sel->dport & sel->dport_mask) &&
	       !((htons(type) ^ sel->sport) & sel->sport_mask) &&
	       (sel->proto == proto || !sel->proto) &&
	       (oif == sel->ifindex || !sel->ifindex);
}

static siphash_key_t hmip_sa_key __read_mostly;

/* What of an SA stays the same when IKE rekeys it, but for the peer and
 * reqid (kept whole in &struct hmip_sa_id): its selector, mark and
 * interface id, copied field by field (the selector's padding is whatever
 * the key manager sent) and hashed with a random key, so that a binding
 * keeps 8 octets instead of 68 and nobody can aim at a digest.
 */
static u64 hmip_sa_selector(const struct xfrm_state *x)
{
	struct {
		xfrm_address_t daddr;
		xfrm_address_t saddr;
		__be16 dport;
		__be16 dport_mask;
		__be16 sport;
		__be16 sport_mask;
		u32 ifindex;
		u32 user;
		u32 mark_v;
		u32 mark_m;
		u32 if_id;
		u16 family;
		u8 prefixlen_d;
		u8 prefixlen_s;
		u8 proto;
		u8 pad[3];
	} k;

	net_get_random_once(&hmip_sa_key, sizeof(hmip_sa_key));
	memset(&k, 0, sizeof(k));
	k.daddr = x->sel.daddr;
	k.saddr = x->sel.saddr;
	k.dport = x->sel.dport;
	k.dport_mask = x->sel.dport_mask;
	k.sport = x->sel.sport;
	k.sport_mask = x->sel.sport_mask;
	k.ifindex = x->sel.ifindex;
	k.user = x->sel.user;
	k.mark_v = x->mark.v;
	k.mark_m = x->mark.m;
	k.if_id = x->if_id;
	k.family = x->sel.family;
	k.prefixlen_d = x->sel.prefixlen_d;
	k.prefixlen_s = x->sel.prefixlen_s;
	k.proto = x->sel.proto;
	return siphash(&k, sizeof(k), &hmip_sa_key);
}

/**
 * hmip_mh_xfrm_protected_msg - whether IPsec protected a received message
 * @skb: the message, its IPv6 header as the kernel left it after the Home
 *	Address option or type 2 routing header
 * @proto: its upper-layer protocol (%IPPROTO_MH, %IPPROTO_ICMPV6)
 * @type: its message type (an ICMPv6 message's code is 0)
 * @sa: filled with the first protecting SA (the outermost): its protocol
 *	and SPI, and what a rekey keeps of it (peer, reqid, selector)
 *
 * RFC 4140 section 12.1: transport-mode AH, or transport-mode ESP with a
 * non-null integrity algorithm, must have carried the message.
 *
 * The Mobility Header handler is NOPOLICY (mh/rcv.c), and a home agent
 * takes Mobile Prefix Solicitations before ICMPv6 (ha/mpd.c), so nobody
 * else holds the message to the SA's selector as xfrm's inbound policy
 * check would: do it here. The kernel has processed the Home Address
 * option or the type 2 routing header already, so the selector sees the
 * home address (the RCoA) as source of a Binding Update and as
 * destination of a Binding Acknowledgment: an SA whose selector names an
 * RCoA protects that RCoA's messages only.
 */
bool hmip_mh_xfrm_protected_msg(const struct sk_buff *skb, u8 proto, u8 type,
				struct hmip_sa_id *sa)
{
	const struct sec_path *sp = skb_sec_path(skb);
	const struct dst_entry *dst = skb_dst(skb);
	int oif = dst && dst->dev ? dst->dev->ifindex : 0;
	int i;

	if (!sp)
		return false;
	for (i = 0; i < sp->len; i++) {
		const struct xfrm_state *x = sp->xvec[i];

		if (x->props.mode != XFRM_MODE_TRANSPORT)
			continue;
		if (x->id.proto != IPPROTO_AH &&
		    (x->id.proto != IPPROTO_ESP ||
		     (!x->aead &&
		      (!x->aalg || !strcmp(x->aalg->alg_name, "digest_null")))))
			continue;
		if (!hmip_mh_selector_match(&x->sel, ipv6_hdr(skb), proto,
					    type, oif))
			continue;
		sa->peer = x->props.saddr.in6;
		sa->selector = hmip_sa_selector(x);
		sa->spi = x->id.spi;
		sa->reqid = x->props.reqid;
		sa->proto = x->id.proto;
		sa->sel_host = x->sel.prefixlen_s == 128;
		return true;
	}
	return false;
}

/**
 * hmip_mh_xfrm_protected - whether IPsec protected a Mobility Header message
 * @skb: the message; its transport header is the Mobility Header
 * @sa: as hmip_mh_xfrm_protected_msg() fills it
 *
 * Return: as hmip_mh_xfrm_protected_msg().
 */
bool hmip_mh_xfrm_protected(const struct sk_buff *skb, struct hmip_sa_id *sa)
{
	return hmip_mh_xfrm_protected_msg(skb, IPPROTO_MH,
					  skb_transport_header(skb)[2], sa);
}
