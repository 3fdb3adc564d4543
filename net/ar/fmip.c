// SPDX-License-Identifier: GPL-2.0
/*
 * The access router's part of Fast Handovers (RFC 5568 sections 3.1 and
 * 6.1; RFC 4140 Appendix A): the neighbouring access routers of an
 * interface, configured, and the Proxy Router Advertisement that answers
 * a mobile node's Router Solicitation for Proxy Advertisement with them.
 *
 * A PrRtAdv carries, after the router's own link-layer address, one
 * [AP-ID, AR-Info] tuple per access point asked for (all of them for the
 * wildcard): the access point's link-layer address, the new router's
 * link-layer address when configured, its IP address and its prefix;
 * then the MAP options this router advertises on the interface, which
 * RFC 4140 Appendix A puts into the PrRtAdv so that the node knows the
 * anchor of the handover. An access point not configured gets Option-Code
 * 6 (no prefix information), Code 3 or 2 saying some or none were found.
 *
 * Configuration changes run under hmip_ar.lock; the receive path reads
 * the list under RCU. An entry is replaced, never changed in place, so a
 * reader sees one whole version of it.
 */

#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "ar/ar.h"
#include "core/netns.h"
#include "core/ratelimit.h"
#include "nd/fmip.h"
#include "nd/send.h"

/* Access points one RtSolPr may name that are looked at: more are
 * counted and ignored (the answer goes on for the first ones).
 */
#define HMIP_AR_FMIP_MAX_ASKED	8
/* Section 6.1.2: Code 1, an unsolicited PrRtAdv that triggers a
 * network-initiated handover (section 3.3).
 */
#define HMIP_AR_FMIP_PRRTADV_UNSOLICITED	1

/* Caller holds RCU or hn->ar->lock. */
struct hmip_ar_nbr *hmip_ar_nbr_lookup(struct hmip_net *hn, int ifindex,
				       const struct in6_addr *addr)
{
	struct hmip_ar_nbr *nbr;

	list_for_each_entry_rcu(nbr, &hn->ar->nbrs, list,
				lockdep_is_held(&hn->ar->lock))
		if (nbr->ifindex == ifindex &&
		    ipv6_addr_equal(&nbr->addr, addr))
			return nbr;
	return NULL;
}

/**
 * hmip_ar_nbr_add - describe a neighbouring access router on an interface
 * @hn: hmip state of the netns
 * @tmpl: the entry; copied
 *
 * Context: process; caller holds &hmip_ar.lock.
 * Return: 0, -ENODEV when the interface is gone, -ENOSPC when the netns
 * has %HMIP_AR_MAX_NBRS already, or -ENOMEM.
 */
int hmip_ar_nbr_add(struct hmip_net *hn, const struct hmip_ar_nbr *tmpl)
{
	struct hmip_ar_nbr *nbr;
	int err;

	lockdep_assert_held(&hn->ar->lock);

	if (!hmip_ar_dev_exists(hn, tmpl->ifindex))
		return -ENODEV;
	if (hn->ar->n_nbrs >= HMIP_AR_MAX_NBRS)
		return -ENOSPC;
	nbr = kmemdup(tmpl, sizeof(*tmpl), GFP_KERNEL);
	if (!nbr)
		return -ENOMEM;
	err = hmip_ar_hooks_get(hn);
	if (err) {
		kfree(nbr);
		return err;
	}
	list_add_tail_rcu(&nbr->list, &hn->ar->nbrs);
	hn->ar->n_nbrs++;
	return 0;
}

/**
 * hmip_ar_nbr_set - change a neighbour's description
 * @hn: hmip state of the netns
 * @old: the entry, in the list
 * @tmpl: what it becomes (same interface and address)
 *
 * Context: process; caller holds &hmip_ar.lock.
 * Return: the new entry, or NULL when there was no memory (@old stays).
 */
struct hmip_ar_nbr *hmip_ar_nbr_set(struct hmip_net *hn,
				    struct hmip_ar_nbr *old,
				    const struct hmip_ar_nbr *tmpl)
{
	struct hmip_ar_nbr *nbr;

	lockdep_assert_held(&hn->ar->lock);

	nbr = kmemdup(tmpl, sizeof(*tmpl), GFP_KERNEL);
	if (!nbr)
		return NULL;
	list_replace_rcu(&old->list, &nbr->list);
	kfree_rcu(old, rcu);
	return nbr;
}

void hmip_ar_nbr_del(struct hmip_net *hn, struct hmip_ar_nbr *nbr)
{
	lockdep_assert_held(&hn->ar->lock);

	list_del_rcu(&nbr->list);
	hn->ar->n_nbrs--;
	kfree_rcu(nbr, rcu);
	hmip_ar_hooks_put(hn);
}

/**
 * struct hmip_ar_fmip_req - what a RtSolPr asks
 * @wildcard: every access point of the neighbourhood
 * @n: access points named in @ap
 * @ap: their Link-Layer Address options
 */
struct hmip_ar_fmip_req {
	bool wildcard;
	unsigned int n;
	struct hmip_fmip_lla ap[HMIP_AR_FMIP_MAX_ASKED];
};

/* Read the New Access Point options of a RtSolPr. Return: 0, or -EINVAL
 * when an option is malformed or none names an access point (section
 * 6.1.1: it "MUST be included in all RtSolPr messages").
 */
static int hmip_ar_fmip_parse(struct hmip_net *hn, struct sk_buff *skb,
			      const struct hmip_nd_msg *msg,
			      struct hmip_ar_fmip_req *req)
{
	struct hmip_nd_ra_opts it;
	struct hmip_fmip_lla lla;
	bool any = false;
	int ret;

	hmip_fmip_opts_start(&it, skb, msg);
	while ((ret = hmip_nd_ra_opts_next(&it)) > 0) {
		/* Unknown options are ignored (section 6.1.1). */
		if (it.type != HMIP_FMIP_OPT_LLA)
			continue;
		if (!hmip_fmip_lla_parse(&it, &lla))
			return -EINVAL;
		if (lla.code == HMIP_FMIP_LLA_WILDCARD) {
			req->wildcard = true;
			any = true;
		} else if (lla.code == HMIP_FMIP_LLA_NEW_AP) {
			any = true;
			if (req->n < HMIP_AR_FMIP_MAX_ASKED)
				req->ap[req->n++] = lla;
			else
				HMIP_INC_STATS(hn, AR_RTSOLPR_AP_IGNORED);
		}
	}
	return ret || !any ? -EINVAL : 0;
}

/* Whether @nbr's access point is the one @lla names. The option carries
 * the address padded to 8 octets: its first octets are compared.
 */
static bool hmip_ar_fmip_ap_match(const struct hmip_ar_nbr *nbr,
				  const struct hmip_fmip_lla *lla)
{
	return lla->len >= nbr->ap_len &&
	       !memcmp(lla->addr, nbr->ap, nbr->ap_len) &&
	       !memchr_inv(lla->addr + nbr->ap_len, 0,
			   lla->len - nbr->ap_len);
}

static int hmip_ar_fmip_put_tuple(struct hmip_fmip_msg *m,
				  const struct hmip_ar_nbr *nbr)
{
	if (hmip_fmip_put_lla(m, HMIP_FMIP_LLA_NEW_AP, nbr->ap, nbr->ap_len) ||
	    (nbr->lla_len &&
	     hmip_fmip_put_lla(m, HMIP_FMIP_LLA_NAR, nbr->lla,
			       nbr->lla_len)) ||
	    hmip_fmip_put_ipaddr(m, HMIP_FMIP_IP_NAR, &nbr->addr, 128) ||
	    hmip_fmip_put_ipaddr(m, HMIP_FMIP_IP_NAR_PREFIX, &nbr->prefix,
				 nbr->plen))
		return -EMSGSIZE;
	return 0;
}

/* The tuples of the neighbours of @ifindex the request asks for, and the
 * Code that says how many were found. Under RCU.
 */
static int hmip_ar_fmip_put_tuples(struct hmip_net *hn, int ifindex,
				   const struct hmip_ar_fmip_req *req,
				   struct hmip_fmip_msg *m, u8 *code)
{
	unsigned int i, found = 0;
	struct hmip_ar_nbr *nbr;
	bool hit;

	if (req->wildcard) {
		list_for_each_entry_rcu(nbr, &hn->ar->nbrs, list) {
			if (nbr->ifindex != ifindex)
				continue;
			if (hmip_ar_fmip_put_tuple(m, nbr))
				return -EMSGSIZE;
		}
		*code = HMIP_FMIP_PRRTADV_TUPLES;
		return 0;
	}
	for (i = 0; i < req->n; i++) {
		hit = false;
		list_for_each_entry_rcu(nbr, &hn->ar->nbrs, list) {
			if (nbr->ifindex != ifindex ||
			    !hmip_ar_fmip_ap_match(nbr, &req->ap[i]))
				continue;
			if (hmip_ar_fmip_put_tuple(m, nbr))
				return -EMSGSIZE;
			hit = true;
		}
		if (hit) {
			found++;
			continue;
		}
		/* Section 6.1.2: Option-Code 6, no prefix information. */
		if (hmip_fmip_put_lla(m, HMIP_FMIP_LLA_NO_PREFIX,
				      req->ap[i].addr, req->ap[i].len))
			return -EMSGSIZE;
	}
	if (found == req->n)
		*code = HMIP_FMIP_PRRTADV_TUPLES;
	else if (found)
		*code = HMIP_FMIP_PRRTADV_SUBSET;
	else
		*code = HMIP_FMIP_PRRTADV_NONE;
	return 0;
}

/* The MAP options this router advertises on @ifindex (RFC 4140 Appendix
 * A). Those that do not fit are left out and counted.
 */
static void hmip_ar_fmip_put_maps(struct hmip_net *hn, int ifindex,
				  struct hmip_fmip_msg *m,
				  struct hmip_ar_ra_set *set)
{
	struct hmip_map_opt *o;
	unsigned int i;

	hmip_ar_ra_collect(hn, ifindex, set);
	for (i = 0; i < set->n; i++) {
		o = hmip_fmip_put(m, sizeof(*o));
		if (!o) {
			HMIP_ADD_STATS(hn, AR_OPT_DROP_MTU, set->n - i);
			return;
		}
		hmip_nd_map_opt_fill(o, &set->info[i]);
	}
}

/* Build the PrRtAdv for @req into @m. Under RCU. */
static int hmip_ar_fmip_build(struct hmip_net *hn, struct net_device *dev,
			      const struct hmip_ar_fmip_req *req, __be16 id,
			      struct hmip_fmip_msg *m,
			      struct hmip_ar_ra_set *set)
{
	struct hmip_fmip_hdr *h = hmip_fmip_put(m, sizeof(*h));
	u8 code;

	if (!h)
		return -EMSGSIZE;
	h->type = HMIP_FMIP_TYPE;
	h->subtype = HMIP_FMIP_SUB_PRRTADV;
	h->id = id;
	/* Section 6.1.2: the sender's own link-layer address, when known. */
	if (dev->addr_len && dev->addr_len <= HMIP_FMIP_LLA_MAX &&
	    hmip_fmip_put_lla(m, HMIP_FMIP_LLA_SOURCE, dev->dev_addr,
			      dev->addr_len))
		return -EMSGSIZE;
	if (hmip_ar_fmip_put_tuples(hn, dev->ifindex, req, m, &code))
		return -EMSGSIZE;
	h->code = code;
	hmip_ar_fmip_put_maps(hn, dev->ifindex, m, set);
	return 0;
}

/* Whether the netns describes a neighbour on @ifindex. Under RCU. */
static bool hmip_ar_fmip_serves(struct hmip_net *hn, int ifindex)
{
	struct hmip_ar_nbr *nbr;

	list_for_each_entry_rcu(nbr, &hn->ar->nbrs, list)
		if (nbr->ifindex == ifindex)
			return true;
	return false;
}

/* The answer goes from the link-local address of the interface (section
 * 6.1.2: it MUST) to the solicitation's source, out of that interface.
 */
static int hmip_ar_fmip_send(struct hmip_net *hn, struct net_device *dev,
			     const struct in6_addr *to,
			     const struct hmip_fmip_msg *m)
{
	struct dst_entry *dst;
	struct flowi6 fl6;
	bool optimistic;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.fl6_icmp_type = HMIP_FMIP_TYPE;
	fl6.flowi6_oif = dev->ifindex;
	fl6.daddr = *to;
	if (!hmip_nd_lladdr(dev, &fl6.saddr, &optimistic)) {
		HMIP_INC_STATS(hn, AR_PRRTADV_TX_ERROR);
		return -EADDRNOTAVAIL;
	}
	dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
	if (IS_ERR(dst) ||
	    hmip_nd_send_icmp(hn, &fl6, dst, m->buf, m->len, GFP_ATOMIC)) {
		HMIP_INC_STATS(hn, AR_PRRTADV_TX_ERROR);
		return -EIO;
	}
	HMIP_INC_STATS(hn, AR_PRRTADV_TX);
	return 0;
}

/**
 * hmip_ar_fmip_rcv - a Router Solicitation for Proxy Advertisement
 * @hn: hmip state of the netns
 * @skb: the packet, ICMPv6 right after its IPv6 header
 * @msg: where the message lies
 * @dev: the interface it arrived on
 *
 * Answered with a PrRtAdv when it is valid (hop limit 255, checksum,
 * Code 0, a source a reply can go to, a New Access Point option) and
 * the interface has neighbours configured; the kernel's ICMPv6 then
 * discards it as an unknown informational message.
 *
 * Context: softirq, from the LOCAL_IN hook.
 */
void hmip_ar_fmip_rcv(struct hmip_net *hn, struct sk_buff *skb,
		      const struct hmip_nd_msg *msg, struct net_device *dev)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct hmip_fmip_hdr _h;
	const struct hmip_fmip_hdr *h;
	struct hmip_ar_fmip_req *req;
	struct hmip_ar_ra_set *set;
	struct hmip_fmip_msg m;
	int type;

	HMIP_INC_STATS(hn, AR_RTSOLPR_RX);
	h = skb_header_pointer(skb, msg->off, sizeof(_h), &_h);
	type = ipv6_addr_type(&ip6h->saddr);
	if (!h || h->code || hmip_fmip_check(skb, msg) ||
	    !(type & IPV6_ADDR_UNICAST)) {
		HMIP_INC_STATS(hn, AR_RTSOLPR_DROP_INVALID);
		return;
	}
	rcu_read_lock();
	if (!hmip_ar_fmip_serves(hn, dev->ifindex)) {
		rcu_read_unlock();
		HMIP_INC_STATS(hn, AR_RTSOLPR_DROP_NO_NBRS);
		return;
	}
	rcu_read_unlock();
	if (!hmip_ratelimit_allow(&hn->err_rl, &ip6h->saddr)) {
		HMIP_INC_STATS(hn, AR_RTSOLPR_DROP_RATELIMIT);
		return;
	}

	req = kzalloc(sizeof(*req), GFP_ATOMIC);
	set = kzalloc(sizeof(*set), GFP_ATOMIC);
	/* One answer fits the minimum MTU: never fragmented. */
	m.size = IPV6_MIN_MTU - sizeof(struct ipv6hdr);
	m.len = 0;
	m.buf = kmalloc(m.size, GFP_ATOMIC);
	if (!req || !set || !m.buf) {
		HMIP_INC_STATS(hn, AR_PRRTADV_NOMEM);
		goto out;
	}
	if (hmip_ar_fmip_parse(hn, skb, msg, req)) {
		HMIP_INC_STATS(hn, AR_RTSOLPR_DROP_INVALID);
		goto out;
	}
	rcu_read_lock();
	if (hmip_ar_fmip_build(hn, dev, req, h->id, &m, set)) {
		rcu_read_unlock();
		/* More tuples than a minimum MTU holds. */
		HMIP_INC_STATS(hn, AR_PRRTADV_TX_ERROR);
		goto out;
	}
	rcu_read_unlock();
	hmip_ar_fmip_send(hn, dev, &ip6h->saddr, &m);
out:
	kfree(m.buf);
	kfree(set);
	kfree(req);
}

/**
 * hmip_ar_fmip_prepare - a network-initiated handover (RFC 5568 sections
 *	3.3 and 6.1.2; RFC 4140 Appendix A)
 * @hn: hmip state of the netns
 * @dev: the interface the mobile node is on
 * @mn: the mobile node's address
 * @nbr: the neighbouring access router it moves to (a copy)
 *
 * What the layer-2 trigger at the previous access router causes: an
 * unsolicited Proxy Router Advertisement (Code 1, Identifier 0) to the
 * mobile node, with the neighbour's [AP-ID, AR-Info] tuple and the MAP
 * options of the interface, from its link-local address.
 *
 * Context: process.
 * Return: 0, or a negative errno.
 */
int hmip_ar_fmip_prepare(struct hmip_net *hn, struct net_device *dev,
			 const struct in6_addr *mn,
			 const struct hmip_ar_nbr *nbr)
{
	struct hmip_ar_ra_set *set;
	struct hmip_fmip_hdr *h;
	struct hmip_fmip_msg m;
	int err = -EMSGSIZE;

	set = kzalloc(sizeof(*set), GFP_KERNEL);
	m.size = IPV6_MIN_MTU - sizeof(struct ipv6hdr);
	m.len = 0;
	m.buf = kmalloc(m.size, GFP_KERNEL);
	if (!set || !m.buf) {
		HMIP_INC_STATS(hn, AR_PRRTADV_NOMEM);
		err = -ENOMEM;
		goto out;
	}
	h = hmip_fmip_put(&m, sizeof(*h));
	h->type = HMIP_FMIP_TYPE;
	h->code = HMIP_AR_FMIP_PRRTADV_UNSOLICITED;
	h->subtype = HMIP_FMIP_SUB_PRRTADV;
	h->id = 0;
	if (dev->addr_len && dev->addr_len <= HMIP_FMIP_LLA_MAX &&
	    hmip_fmip_put_lla(&m, HMIP_FMIP_LLA_SOURCE, dev->dev_addr,
			      dev->addr_len))
		goto out;
	if (hmip_ar_fmip_put_tuple(&m, nbr))
		goto out;
	rcu_read_lock();
	hmip_ar_fmip_put_maps(hn, dev->ifindex, &m, set);
	rcu_read_unlock();
	err = hmip_ar_fmip_send(hn, dev, mn, &m);
	if (!err)
		HMIP_INC_STATS(hn, AR_PRRTADV_UNSOLICITED_TX);
out:
	kfree(m.buf);
	kfree(set);
	return err;
}
