// SPDX-License-Identifier: GPL-2.0
/*
 * A fast handover's preparation at the mobile node (RFC 5568 sections
 * 3.1 and 6.1; RFC 4140 Appendix A): "hmip mn prepare dev IFACE ar
 * ADDRESS" stands for the layer-2 trigger a radio would give. The node
 * sends a Router Solicitation for Proxy Advertisement with the wildcard
 * access point to its access router, and takes from the Proxy Router
 * Advertisement the tuple whose new router's IP address is ADDRESS: the
 * new router's prefix, from which the prospective new care-of address is
 * formed with the LCoA's interface identifier, the access point's and the
 * new router's link-layer addresses, and the MAP option (the anchor).
 *
 * The RtSolPr is retransmitted after 100 ms, the wait doubling,
 * RTSOLPR_RETRIES times with the same Identifier (section 6.1.1), from
 * the worker of reg.c; the mobile node's LOCAL_IN hook (ra.c) hands the
 * answer over, read here in softirq into the inbox.
 */
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "mn/mn.h"
#include "mn/nl.h"
#include "nd/fmip.h"
#include "nd/send.h"

/* Room for the RtSolPr: header, the node's link-layer address, the
 * wildcard.
 */
#define HMIP_MN_FMIP_RTSOLPR_MAX	64

static void hmip_mn_fmip_send(struct hmip_mn *mn)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	struct hmip_net *hn = mn->hn;
	u8 buf[HMIP_MN_FMIP_RTSOLPR_MAX];
	struct hmip_fmip_msg m = { .buf = buf, .size = sizeof(buf) };
	struct hmip_fmip_hdr *h;
	struct net_device *dev;
	struct dst_entry *dst;
	struct flowi6 fl6;
	int err = -ENODEV;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.fl6_icmp_type = HMIP_FMIP_TYPE;
	fl6.flowi6_oif = mn->ifindex;
	fl6.saddr = mn->lcoa;
	/* To the default router, or to all routers of the link (6.1.1). */
	spin_lock_bh(&mn->lock);
	fl6.daddr = mn->router;
	spin_unlock_bh(&mn->lock);
	if (ipv6_addr_any(&fl6.daddr))
		fl6.daddr = in6addr_linklocal_allrouters;

	h = hmip_fmip_put(&m, sizeof(*h));
	h->type = HMIP_FMIP_TYPE;
	h->subtype = HMIP_FMIP_SUB_RTSOLPR;
	h->id = htons(f->id);
	rcu_read_lock();
	dev = dev_get_by_index_rcu(hn->net, mn->ifindex);
	if (dev) {
		err = 0;
		/* Section 6.1.1: the sender's link-layer address, when known. */
		if (dev->addr_len && dev->addr_len <= HMIP_FMIP_LLA_MAX)
			err = hmip_fmip_put_lla(&m, HMIP_FMIP_LLA_MN,
						dev->dev_addr, dev->addr_len);
	}
	rcu_read_unlock();
	if (!err)
		err = hmip_fmip_put_lla(&m, HMIP_FMIP_LLA_WILDCARD, buf, 0);
	if (!err) {
		dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
		err = IS_ERR(dst) ? PTR_ERR(dst) :
		      hmip_nd_send_icmp(hn, &fl6, dst, m.buf, m.len,
					GFP_KERNEL);
	}
	if (err)
		HMIP_INC_STATS(hn, MN_RTSOLPR_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_RTSOLPR_TX);
}

/* What the inbox awaits: a PrRtAdv with @id about @ar, or nothing. */
static void hmip_mn_fmip_await(struct hmip_mn *mn, bool waiting, u16 id,
			       const struct in6_addr *ar)
{
	spin_lock_bh(&mn->lock);
	mn->fmip_waiting = waiting;
	mn->fmip_id = id;
	mn->fmip_ar = *ar;
	mn->fmip_in = false;
	spin_unlock_bh(&mn->lock);
}

/**
 * hmip_mn_fmip_prepare - start a fast handover's preparation
 * @mn: the mobile node
 * @ar: the new access router, global unicast
 * @extack: for the reason of a refusal
 *
 * A preparation under way is replaced.
 *
 * Context: process; caller holds mn->mutex.
 * Return: 0, or -EADDRNOTAVAIL without an LCoA to ask from.
 */
int hmip_mn_fmip_prepare(struct hmip_mn *mn, const struct in6_addr *ar,
			 struct netlink_ext_ack *extack)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	if (ipv6_addr_any(&mn->lcoa)) {
		NL_SET_ERR_MSG(extack,
			       "no LCoA yet: the access router cannot be asked");
		return -EADDRNOTAVAIL;
	}
	memset(f, 0, sizeof(*f));
	f->state = HMIP_MN_FMIP_SOLICITING;
	f->ar = *ar;
	f->id = get_random_u16();
	f->next = jiffies;
	hmip_mn_fmip_await(mn, true, f->id, ar);
	return 0;
}

/**
 * hmip_mn_fmip_tick - send the RtSolPr that is due, or give up
 * @mn: the mobile node
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_fmip_tick(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	if (f->state != HMIP_MN_FMIP_SOLICITING || time_before(now, f->next))
		return;
	if (f->requests > HMIP_FMIP_RTSOLPR_RETRIES) {
		HMIP_INC_STATS(mn->hn, MN_RTSOLPR_TIMEOUT);
		f->state = HMIP_MN_FMIP_FAILED;
		f->next = 0;
		hmip_mn_fmip_await(mn, false, 0, &in6addr_any);
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_PREPARED);
		return;
	}
	f->timeout = f->requests ? f->timeout * 2 :
		     msecs_to_jiffies(HMIP_FMIP_RTSOLPR_TIMEOUT_MS);
	f->requests++;
	f->next = now + f->timeout;
	hmip_mn_fmip_send(mn);
}

/* The prospective new care-of address: the new prefix and the interface
 * identifier of the LCoA (RFC 4140 Appendix A: "formed by appending the
 * mobile node's current interface identifier to the NAR's prefix"); only
 * for a /64, as stateless autoconfiguration would.
 */
static void hmip_mn_fmip_ncoa(struct hmip_mn *mn)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	f->ncoa = in6addr_any;
	if (f->info.plen != 64)
		return;
	f->ncoa = f->info.prefix;
	memcpy(&f->ncoa.s6_addr[8], &mn->lcoa.s6_addr[8], 8);
}

/**
 * hmip_mn_fmip_take - take the PrRtAdv the inbox holds, if any
 * @mn: the mobile node
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_fmip_take(struct hmip_mn *mn)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	bool in;

	spin_lock_bh(&mn->lock);
	in = mn->fmip_in;
	if (in) {
		f->info = mn->fmip_rx;
		mn->fmip_in = false;
	}
	spin_unlock_bh(&mn->lock);
	if (!in || f->state != HMIP_MN_FMIP_SOLICITING)
		return;
	f->next = 0;
	if (f->info.found) {
		f->state = HMIP_MN_FMIP_READY;
		hmip_mn_fmip_ncoa(mn);
		HMIP_INC_STATS(mn->hn, MN_FMIP_READY);
	} else {
		f->state = HMIP_MN_FMIP_UNKNOWN;
		HMIP_INC_STATS(mn->hn, MN_FMIP_UNKNOWN);
	}
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_PREPARED);
}

/* When the worker must run next for the preparation, at the latest. */
unsigned long hmip_mn_fmip_next(struct hmip_mn *mn, unsigned long next)
{
	const struct hmip_mn_fmip *f = &mn->fmip;

	if (f->state == HMIP_MN_FMIP_SOLICITING && f->next &&
	    time_before(f->next, next))
		next = f->next;
	return next;
}

/* Read the options of a PrRtAdv: the tuple of @ar (each starts with a New
 * Access Point option, code 1), the first valid MAP option. Return:
 * -EINVAL for a malformed option.
 */
static int hmip_mn_fmip_parse(struct sk_buff *skb,
			      const struct hmip_nd_msg *msg,
			      const struct in6_addr *ar,
			      struct hmip_mn_fmip_info *info)
{
	struct hmip_fmip_lla lla, ap = {}, nar_lla = {};
	struct hmip_fmip_ipaddr ip;
	struct hmip_map_info map;
	struct hmip_nd_ra_opts it;
	bool mine = false;
	int ret;

	hmip_fmip_opts_start(&it, skb, msg);
	while ((ret = hmip_nd_ra_opts_next(&it)) > 0) {
		switch (it.type) {
		case HMIP_FMIP_OPT_LLA:
			if (!hmip_fmip_lla_parse(&it, &lla))
				return -EINVAL;
			if (lla.code == HMIP_FMIP_LLA_NEW_AP) {
				/* A new tuple starts. */
				mine = false;
				ap = lla;
				nar_lla.len = 0;
			} else if (lla.code == HMIP_FMIP_LLA_NAR) {
				nar_lla = lla;
			}
			break;
		case HMIP_FMIP_OPT_IPADDR:
			if (!hmip_fmip_ipaddr_parse(&it, &ip))
				return -EINVAL;
			if (ip.code == HMIP_FMIP_IP_NAR && !info->found &&
			    ipv6_addr_equal(&ip.addr, ar))
				mine = true;
			if (ip.code == HMIP_FMIP_IP_NAR_PREFIX && mine &&
			    !info->found) {
				info->found = true;
				ipv6_addr_prefix(&info->prefix, &ip.addr,
						 ip.plen);
				info->plen = ip.plen;
				info->ap_len = ap.len;
				memcpy(info->ap, ap.addr, ap.len);
				info->lla_len = nar_lla.len;
				memcpy(info->lla, nar_lla.addr, nar_lla.len);
			}
			break;
		case HMIP_ND_OPT_MAP:
			if (!info->has_map &&
			    hmip_nd_map_opt_parse(it.data, it.len, &map)) {
				info->map = map.addr;
				info->has_map = true;
			}
			break;
		}
	}
	return ret;
}

/* Context: RCU. */
static struct hmip_mn *hmip_mn_fmip_find(struct hmip_net *hn, int ifindex)
{
	struct hmip_mn *mn;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list)
		if (mn->ifindex == ifindex)
			return mn;
	return NULL;
}

/**
 * hmip_mn_fmip_rcv - a Proxy Router Advertisement
 * @hn: hmip state of the netns
 * @skb: the packet, ICMPv6 right after its IPv6 header
 * @msg: where the message lies
 * @ifindex: the interface it arrived on
 *
 * Section 6.1.2: from a link-local address, hop limit 255, a correct
 * checksum, the Identifier of the RtSolPr awaited.
 *
 * Context: softirq, RCU held.
 * Return: true when a node of @ifindex awaited it (consumed).
 */
bool hmip_mn_fmip_rcv(struct hmip_net *hn, struct sk_buff *skb,
		      const struct hmip_nd_msg *msg, int ifindex)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct hmip_mn_fmip_info *info;
	const struct hmip_fmip_hdr *h;
	struct hmip_fmip_hdr _h;
	struct in6_addr ar;
	struct hmip_mn *mn;
	bool waiting;
	u16 id;

	mn = hmip_mn_fmip_find(hn, ifindex);
	if (!mn) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_UNSOLICITED);
		return false;
	}
	spin_lock(&mn->lock);
	waiting = mn->fmip_waiting;
	id = mn->fmip_id;
	ar = mn->fmip_ar;
	spin_unlock(&mn->lock);
	if (!waiting) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_UNSOLICITED);
		return true;
	}
	h = skb_header_pointer(skb, msg->off, sizeof(_h), &_h);
	if (!h || hmip_fmip_check(skb, msg) ||
	    !(ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL)) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_INVALID);
		return true;
	}
	if (ntohs(h->id) != id) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_ID);
		return true;
	}
	info = kzalloc(sizeof(*info), GFP_ATOMIC);
	if (!info) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_NOMEM);
		return true;
	}
	info->router = ip6h->saddr;
	info->code = h->code;
	if (hmip_mn_fmip_parse(skb, msg, &ar, info)) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_INVALID);
		kfree(info);
		return true;
	}
	spin_lock(&mn->lock);
	if (mn->fmip_waiting && mn->fmip_id == id) {
		HMIP_INC_STATS(hn, MN_PRRTADV_RX);
		mn->fmip_rx = *info;
		mn->fmip_in = true;
		/* One answer per preparation. */
		mn->fmip_waiting = false;
		if (!mn->dead)
			mod_delayed_work(system_wq, &mn->work, 0);
	}
	spin_unlock(&mn->lock);
	kfree(info);
	return true;
}
