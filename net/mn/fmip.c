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
 * answer over, read here in softirq into the inbox. An unsolicited
 * PrRtAdv (Code 1) from the default router prepares as well: the
 * network decided the handover (section 3.3).
 *
 * Once the preparation is ready, and the node registered with a MAP, the
 * Fast Binding Update goes at once (section 6.2.2; RFC 4140 Appendix A:
 * to the MAP, from the LCoA, the RCoA in a Home Address option, the NCoA
 * in an Alternate Care-of Address option, the node's link-layer address
 * in a Link-Layer Address option), numbered in the registration's
 * sequence space; without a command standing for "about to switch", the
 * preparation is that trigger. It is sent again after 250 ms, the wait
 * doubling, while the node stays on the link, until its Fast Binding
 * Acknowledgment comes (to the LCoA, through a type 2 routing header with
 * the RCoA, as a Binding Acknowledgment). When the link comes up while a
 * preparation is ready, the node takes it for the arrival in the prepared
 * cell and configures the NCoA itself, with a default route through the
 * new access router and that router's neighbour entry, before the
 * router's advertisement (sections 3.3 and 6.3, RFC 4429); the first
 * advertisement confirms or undoes it. On arrival in the prepared prefix
 * (the LCoA the worker takes is in it) the node announces the NCoA with
 * an Unsolicited Neighbor Advertisement (section 6.3) and, if no
 * acknowledgment came before, sends the Fast Binding Update again from
 * the NCoA (reactive mode, section 3.2); the Binding Update from the new
 * LCoA follows as after any move (reg.c).
 */
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/socket.h>
#include <net/addrconf.h>
#include <net/neighbour.h>
#include <net/net_namespace.h>
#include <net/ndisc.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "mh/mh.h"
#include "mh/xfrm.h"
#include "mn/mn.h"
#include "mn/nl.h"
#include "nd/fmip.h"
#include "nd/send.h"

/* Room for the RtSolPr: header, the node's link-layer address, the
 * wildcard.
 */
#define HMIP_MN_FMIP_RTSOLPR_MAX	64
/* RFC 5568 6.1.2: the Code of an unsolicited PrRtAdv (network-initiated). */
#define HMIP_MN_PRRTADV_UNSOLICITED	1
/* The Fast Binding Update's first retransmission timeout, and how many
 * times it is sent at most: the link may go any moment, so the first
 * wait is short (the 200 ms outage).
 */
#define HMIP_MN_FBU_TIMEOUT		(HZ / 4)
#define HMIP_MN_FBU_TRIES		4

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
	hmip_mn_fmip_release(mn);
	memset(f, 0, sizeof(*f));
	f->state = HMIP_MN_FMIP_SOLICITING;
	f->ar = *ar;
	f->id = get_random_u16();
	f->next = jiffies;
	hmip_mn_fmip_await(mn, true, f->id, ar);
	return 0;
}

/* The Fast Binding Update for the preparation, sent from @coa with the
 * sequence number that follows the current registration's (the MAP
 * checks it against the binding's, RFC 6275 9.5.1).
 */
static void hmip_mn_fbu_send(struct hmip_mn *mn, const struct in6_addr *coa,
			     bool reactive)
{
	struct hmip_mn_reg *reg = &mn->reg[HMIP_MN_CUR];
	struct hmip_mn_fmip *f = &mn->fmip;
	u16 seq;
	int err;

	if (!f->fbu_tries || reactive)
		f->fbu_seq = ++reg->seq;
	/* A retransmission keeps its number; the registration's stays
	 * where a Binding Update sent meanwhile put it.
	 */
	seq = reg->seq;
	reg->seq = f->fbu_seq;
	err = hmip_mn_reg_send(mn, reg, HMIP_MH_TYPE_FBU, mn->lifetime, coa,
			       &f->ncoa, true);
	reg->seq = seq;
	f->fbu_tries++;
	if (err)
		HMIP_INC_STATS(mn->hn, MN_FBU_TX_ERROR);
	else if (reactive)
		HMIP_INC_STATS(mn->hn, MN_FBU_REACTIVE_TX);
	else
		HMIP_INC_STATS(mn->hn, MN_FBU_TX);
}

/* Whether the current registration can carry a Fast Binding Update: the
 * MAP holds a binding for the LCoA the node is on.
 */
static bool hmip_mn_fbu_usable(struct hmip_mn *mn)
{
	const struct hmip_mn_reg *reg = &mn->reg[HMIP_MN_CUR];

	return reg->active && reg->state == HMIP_MN_REG_REGISTERED &&
	       reg->acked && ipv6_addr_equal(&reg->lcoa, &mn->lcoa);
}

/* ------------------------------------------------ acknowledgment, arrival */

/* The FBack the inbox holds, if any: the answer to the FBU sent last. */
static void hmip_mn_fmip_take_fback(struct hmip_mn *mn)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	bool in;
	u8 status;
	u16 seq;

	spin_lock_bh(&mn->lock);
	in = mn->fback_in;
	status = mn->fback_status;
	seq = mn->fback_seq;
	mn->fback_in = false;
	spin_unlock_bh(&mn->lock);
	if (!in)
		return;
	/* A copy to the other address, or one that is not the answer. */
	if ((f->fbu != HMIP_MN_FBU_SENT && f->fbu != HMIP_MN_FBU_REACTIVE) ||
	    seq != f->fbu_seq) {
		HMIP_INC_STATS(mn->hn, MN_FBACK_DROP_SEQ);
		return;
	}
	HMIP_INC_STATS(mn->hn, MN_FBACK_RX);
	f->fback_status = status;
	f->fbu_next = 0;
	if (status >= HMIP_FBACK_STATUS_UNSPECIFIED) {
		HMIP_INC_STATS(mn->hn, MN_FBACK_REFUSED);
		f->fbu = HMIP_MN_FBU_REFUSED;
	} else {
		f->fbu = HMIP_MN_FBU_ACKED;
	}
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_FBACK);
}

/* Section 6.3: from the NCoA to all nodes, target the NCoA, R, S and O
 * clear, the Target Link-Layer Address option; the new router delivers
 * what it holds for the NCoA (it may be buffering it).
 */
static void hmip_mn_una_send(struct hmip_mn *mn, const struct in6_addr *ncoa)
{
	u8 buf[sizeof(struct nd_msg) + 8 + MAX_ADDR_LEN];
	struct nd_msg *na = (struct nd_msg *)buf;
	struct hmip_net *hn = mn->hn;
	unsigned int len = sizeof(*na);
	struct net_device *dev;
	struct dst_entry *dst;
	struct flowi6 fl6;
	int err = -ENODEV;

	memset(buf, 0, sizeof(buf));
	na->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->target = *ncoa;
	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.fl6_icmp_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	fl6.flowi6_oif = mn->ifindex;
	fl6.saddr = *ncoa;
	fl6.daddr = in6addr_linklocal_allnodes;
	rcu_read_lock();
	dev = dev_get_by_index_rcu(hn->net, mn->ifindex);
	if (dev) {
		err = 0;
		if (dev->addr_len) {
			na->opt[0] = ND_OPT_TARGET_LL_ADDR;
			na->opt[1] = DIV_ROUND_UP(2 + dev->addr_len, 8);
			memcpy(&na->opt[2], dev->dev_addr, dev->addr_len);
			len += na->opt[1] * 8;
		}
	}
	rcu_read_unlock();
	if (!err) {
		dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
		err = IS_ERR(dst) ? PTR_ERR(dst) :
		      hmip_nd_send_icmp(hn, &fl6, dst, buf, len, GFP_KERNEL);
	}
	if (err)
		HMIP_INC_STATS(hn, MN_UNA_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_UNA_TX);
}

/* Whether the node receives on @addr yet: its local route is in the FIB.
 * addrconf inserts it from the DAD work, after the address was added (an
 * optimistic one at the start of DAD, another once DAD is done); until
 * then what the new router releases for the NCoA would be dropped as an
 * address error. An address that is gone waits for nothing.
 */
static bool hmip_mn_ncoa_routed(struct hmip_mn *mn, const struct in6_addr *addr)
{
	struct inet6_ifaddr *ifp;
	struct inet6_dev *idev;
	struct net_device *dev;
	bool routed = true;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(mn->hn->net, mn->ifindex);
	idev = dev ? __in6_dev_get(dev) : NULL;
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifp, &idev->addr_list, if_list) {
			if (!ipv6_addr_equal(&ifp->addr, addr))
				continue;
			/* addrconf replaces ifp->rt under ifp->lock. */
			spin_lock(&ifp->lock);
			routed = ifp->rt &&
				 rcu_access_pointer(ifp->rt->fib6_node);
			spin_unlock(&ifp->lock);
			break;
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();
	return routed;
}

/**
 * hmip_mn_fmip_arrive - the node took a new LCoA: in the prepared prefix?
 * @mn: the mobile node
 * @now: jiffies
 *
 * The LCoA taken in the prepared prefix is the NCoA (the kernel formed it
 * from the new router's prefix and the same interface identifier, usable
 * at once under optimistic DAD, which the role turns on). Sections 3.2
 * and 6.3: the UNA first, once the node receives on the NCoA; then,
 * without an FBack, the FBU from the NCoA. Takes the FBack the inbox
 * holds first: the worker calls this before hmip_mn_fmip_tick().
 *
 * Context: process; caller holds mn->mutex.
 * Return: true while the UNA waits for the NCoA's local route: the
 * caller runs the worker again shortly.
 */
bool hmip_mn_fmip_arrive(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	const struct hmip_mn_reg *reg = &mn->reg[HMIP_MN_CUR];

	/* An FBack that came just before the move counts. */
	hmip_mn_fmip_take_fback(mn);
	if (f->state != HMIP_MN_FMIP_READY || f->una ||
	    ipv6_addr_any(&mn->lcoa) || !f->info.plen ||
	    ipv6_addr_equal(&mn->lcoa, &f->pcoa) ||
	    !ipv6_prefix_equal(&mn->lcoa, &f->info.prefix, f->info.plen))
		return false;
	if (!hmip_mn_ncoa_routed(mn, &mn->lcoa))
		return true;
	f->una = true;
	f->ncoa = mn->lcoa;
	hmip_mn_una_send(mn, &f->ncoa);
	if (f->fbu == HMIP_MN_FBU_ACKED || f->fbu == HMIP_MN_FBU_REFUSED ||
	    !reg->active || reg->state == HMIP_MN_REG_REJECTED)
		return false;
	f->fbu = HMIP_MN_FBU_REACTIVE;
	f->fbu_next = 0;
	hmip_mn_fbu_send(mn, &f->ncoa, true);
	return false;
}

/* ------------------------------------------------- the NCoA on arrival */

/* Seconds the NCoA configured on arrival lasts without a router
 * advertisement: the advertisement's Prefix Information then sets both
 * lifetimes (RFC 4862 5.5.3 e takes its valid lifetime when longer than
 * what remains, its preferred lifetime always). A router that stays
 * silent this long did not confirm the cell: the address lapses.
 */
#define HMIP_MN_NCOA_LIFETIME	30

/* A route or address request to rtnetlink, flat: the header, the family's
 * message, attributes.
 */
struct hmip_mn_nlreq {
	struct nlmsghdr nlh;
	union {
		struct rtmsg rtm;
		struct ifaddrmsg ifa;
	};
	u8 attrs[64];
};

static void hmip_mn_nlreq_put(struct hmip_mn_nlreq *r, u16 type,
			      const void *data, u16 len)
{
	struct nlattr *nla = (void *)((u8 *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	memcpy(nla_data(nla), data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + nla_total_size(len);
}

/* Sends @r to rtnetlink in @net and returns its answer's error: the
 * kernel adds routes with gateways only that way (ip6_route_add() is not
 * exported), and takes the RTNL itself.
 *
 * Context: process; not under the RTNL.
 */
static int hmip_mn_rtnl(struct net *net, struct hmip_mn_nlreq *r)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct msghdr msg = { .msg_name = &sa, .msg_namelen = sizeof(sa) };
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
	} ack;
	struct kvec iov = { .iov_base = r, .iov_len = r->nlh.nlmsg_len };
	struct socket *sock;
	int err;

	err = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, &sock);
	if (err)
		return err;
	r->nlh.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	err = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (err >= 0) {
		/* rtnetlink answered before the send returned. */
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = &ack;
		iov.iov_len = sizeof(ack);
		err = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(ack),
				     MSG_DONTWAIT);
		if (err >= (int)sizeof(ack) &&
		    ack.nlh.nlmsg_type == NLMSG_ERROR)
			err = ack.err.error;
		else if (err >= 0)
			err = -EPROTO;
	}
	sock_release(sock);
	return err;
}

/* The default route through the new access router's IP address (the
 * PrRtAdv's; its link-local address, which the advertisement will come
 * from, is unknown before), on-link, one metric behind the router
 * advertisement's so that the kernel's own takes over as soon as it
 * exists; expiring with the address in case nothing removes it.
 */
static int hmip_mn_fmip_route(struct hmip_mn *mn, struct net_device *dev,
			      bool add)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	struct hmip_mn_nlreq r = {};
	u32 oif = dev->ifindex, metric = IP6_RT_PRIO_USER, expires;
	struct inet6_dev *idev;

	idev = in6_dev_get(dev);
	if (idev) {
		metric = READ_ONCE(idev->cnf.ra_defrtr_metric) ?: metric;
		in6_dev_put(idev);
	}
	if (metric < U32_MAX)
		metric++;
	r.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(r.rtm));
	r.nlh.nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	r.nlh.nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	r.rtm.rtm_family = AF_INET6;
	r.rtm.rtm_table = RT_TABLE_MAIN;
	r.rtm.rtm_protocol = RTPROT_RA;
	r.rtm.rtm_scope = RT_SCOPE_UNIVERSE;
	r.rtm.rtm_type = RTN_UNICAST;
	r.rtm.rtm_flags = RTNH_F_ONLINK;
	hmip_mn_nlreq_put(&r, RTA_GATEWAY, &f->info.nar, sizeof(f->info.nar));
	hmip_mn_nlreq_put(&r, RTA_OIF, &oif, sizeof(oif));
	hmip_mn_nlreq_put(&r, RTA_PRIORITY, &metric, sizeof(metric));
	if (add) {
		expires = HMIP_MN_NCOA_LIFETIME;
		hmip_mn_nlreq_put(&r, RTA_EXPIRES, &expires, sizeof(expires));
	}
	return hmip_mn_rtnl(mn->hn->net, &r);
}

static int hmip_mn_fmip_addr_del(struct hmip_mn *mn, struct net_device *dev)
{
	struct hmip_mn_nlreq r = {};

	r.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(r.ifa));
	r.nlh.nlmsg_type = RTM_DELADDR;
	r.ifa.ifa_family = AF_INET6;
	r.ifa.ifa_prefixlen = 64;
	r.ifa.ifa_index = dev->ifindex;
	hmip_mn_nlreq_put(&r, IFA_ADDRESS, &mn->fmip.ncoa,
			  sizeof(mn->fmip.ncoa));
	return hmip_mn_rtnl(mn->hn->net, &r);
}

/* The new access router's link-layer address from the PrRtAdv (padding
 * included: the device's length is taken), as ndisc records one from an
 * advertisement: stale, so the first packet goes without address
 * resolution and NUD checks it afterwards (RFC 5568 section 3.1).
 */
static void hmip_mn_fmip_neigh(struct hmip_mn *mn, struct net_device *dev,
			       bool add)
{
	const struct hmip_mn_fmip_info *i = &mn->fmip.info;
	struct neighbour *n;

	if (!dev->addr_len || i->lla_len < dev->addr_len)
		return;
	if (!add) {
		n = neigh_lookup(&nd_tbl, &i->nar, dev);
		if (!n)
			return;
		if (!memcmp(n->ha, i->lla, dev->addr_len))
			neigh_update(n, NULL, NUD_FAILED,
				     NEIGH_UPDATE_F_OVERRIDE |
				     NEIGH_UPDATE_F_ADMIN, 0);
		neigh_release(n);
		return;
	}
	n = __neigh_create(&nd_tbl, &i->nar, dev, true);
	if (IS_ERR(n))
		return;
	neigh_update(n, i->lla, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, 0);
	neigh_release(n);
}

/* RFC 5568 sections 3.3 and 6.3, RFC 4429: the NCoA as addrconf forms a
 * SLAAC address (optimistic where the interface has optimistic DAD,
 * which the role turns on, and the router's link-layer address is known),
 * the new router's neighbour entry, the default route through it.
 */
static void hmip_mn_fmip_onlink_add(struct hmip_mn *mn, struct net_device *dev)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	struct prefix_info pinfo = { .prefix_len = 64 };
	struct net *net = mn->hn->net;
	struct inet6_dev *idev;
	int err = -ENODEV;

	/* Tentative or not, one that is there is not the node's to add. */
	f->own_addr = !ipv6_chk_addr_and_flags(net, &f->ncoa, dev, false, 0,
					       0);
	if (f->own_addr) {
		idev = in6_dev_get(dev);
		if (idev) {
			pinfo.prefix = f->info.prefix;
			err = addrconf_prefix_rcv_add_addr(net, dev, &pinfo,
							   idev, &f->ncoa,
							   ipv6_addr_type(&f->ncoa),
							   0, f->info.lla_len,
							   false,
							   HMIP_MN_NCOA_LIFETIME,
							   HMIP_MN_NCOA_LIFETIME);
			in6_dev_put(idev);
		}
		if (err) {
			f->own_addr = false;
			goto fail;
		}
	}
	hmip_mn_fmip_neigh(mn, dev, true);
	err = hmip_mn_fmip_route(mn, dev, true);
	if (err)
		goto fail;
	f->arrival = HMIP_MN_ARRIVAL_ASSUMED;
	HMIP_INC_STATS(mn->hn, MN_NCOA_ONLINK);
	return;

fail:
	pr_debug("the NCoA %pI6c on arrival: %d\n", &f->ncoa, err);
	if (f->own_addr)
		hmip_mn_fmip_addr_del(mn, dev);
	f->own_addr = false;
	hmip_mn_fmip_neigh(mn, dev, false);
	f->arrival = HMIP_MN_ARRIVAL_FAILED;
	HMIP_INC_STATS(mn->hn, MN_NCOA_ERROR);
}

/* Removes the route, and unless @keep the address and the neighbour
 * entry, that hmip_mn_fmip_onlink_add() put. In a netns on its way out
 * the devices take them along.
 */
static void hmip_mn_fmip_onlink_del(struct hmip_mn *mn, struct net_device *dev,
				    bool keep)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	if (!check_net(mn->hn->net))
		return;
	/* Gone with the link already when it went down. */
	hmip_mn_fmip_route(mn, dev, false);
	if (keep)
		return;
	if (f->own_addr)
		hmip_mn_fmip_addr_del(mn, dev);
	f->own_addr = false;
	hmip_mn_fmip_neigh(mn, dev, false);
}

/**
 * hmip_mn_fmip_onlink - the NCoA at once on arrival, before the new
 *	router's advertisement
 * @mn: the mobile node
 * @link_up: the link came up since the worker last ran
 * @heard: a router advertisement was heard since the link came up
 * @prefixes: its autonomous /64 prefixes, @n of them
 * @n: see above
 *
 * The node knows it arrived in the prepared cell by the link coming up
 * while a preparation is ready (the FBack received or not, not refused):
 * the preparation is the layer-2 trigger naming the new access point,
 * and the next association is taken to be with it (an emulated link has
 * no access point identifier to compare). The new link's first router
 * advertisement decides: with the prepared prefix the node stays as it
 * is and its route gives way to the advertisement's (which the kernel
 * added next to it); without, the node ended up elsewhere and the
 * address and the route go. A link lost before that removes them too.
 *
 * Context: process; caller holds mn->mutex; takes the RTNL.
 * Return: the prepared prefix, while the address is assumed and no
 * advertisement heard (the LCoA is chosen in it), else NULL.
 */
const struct in6_addr *hmip_mn_fmip_onlink(struct hmip_mn *mn, bool link_up,
					   bool heard,
					   const struct in6_addr *prefixes,
					   unsigned int n)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	struct net_device *dev;
	bool up, here = false;
	unsigned int i;

	if (!link_up && f->arrival != HMIP_MN_ARRIVAL_ASSUMED)
		return NULL;
	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (!dev)
		return NULL;
	up = netif_running(dev) && netif_carrier_ok(dev);
	if (link_up && up && !heard && f->arrival == HMIP_MN_ARRIVAL_NONE &&
	    f->state == HMIP_MN_FMIP_READY && f->info.plen == 64 &&
	    !ipv6_addr_any(&f->ncoa) && !f->una &&
	    f->fbu != HMIP_MN_FBU_REFUSED) {
		hmip_mn_fmip_onlink_add(mn, dev);
	} else if (f->arrival == HMIP_MN_ARRIVAL_ASSUMED && (!up || heard)) {
		for (i = 0; up && i < n; i++)
			if (ipv6_prefix_equal(&prefixes[i], &f->info.prefix, 64))
				here = true;
		hmip_mn_fmip_onlink_del(mn, dev, here);
		f->arrival = here ? HMIP_MN_ARRIVAL_CONFIRMED :
			     HMIP_MN_ARRIVAL_REMOVED;
		if (here)
			HMIP_INC_STATS(mn->hn, MN_NCOA_CONFIRMED);
		else
			HMIP_INC_STATS(mn->hn, MN_NCOA_REMOVED);
	}
	dev_put(dev);
	return f->arrival == HMIP_MN_ARRIVAL_ASSUMED ? &f->info.prefix : NULL;
}

/**
 * hmip_mn_fmip_release - remove what an unconfirmed arrival added
 * @mn: the mobile node
 *
 * Before a new preparation replaces this one, and when the role ends.
 *
 * Context: process; caller holds mn->mutex; takes the RTNL.
 */
void hmip_mn_fmip_release(struct hmip_mn *mn)
{
	struct hmip_mn_fmip *f = &mn->fmip;
	struct net_device *dev;

	if (f->arrival != HMIP_MN_ARRIVAL_ASSUMED)
		return;
	f->arrival = HMIP_MN_ARRIVAL_REMOVED;
	HMIP_INC_STATS(mn->hn, MN_NCOA_REMOVED);
	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (!dev)
		return;
	hmip_mn_fmip_onlink_del(mn, dev, false);
	dev_put(dev);
}

/**
 * hmip_mn_fmip_rcv_fback - a Fast Binding Acknowledgment, from main.c's
 *	Mobility Header table
 * @hn: hmip state of the netns
 * @skb: the message, validated by mh/rcv.c; not consumed
 *
 * Checked as a Binding Acknowledgment (hmip_mn_reg_ack_owner(): a type
 * 2 routing header holding the RCoA of a registration with its source,
 * the MAP; protected when the node requires IPsec), recorded for the
 * worker.
 *
 * Context: softirq.
 */
void hmip_mn_fmip_rcv_fback(struct hmip_net *hn, struct sk_buff *skb)
{
	static const struct hmip_mn_ack_drops drops = {
		.no_rh2 = HMIP_MIB_MN_FBACK_DROP_NO_RH2,
		.unknown = HMIP_MIB_MN_FBACK_DROP_UNKNOWN,
		.unprotected = HMIP_MIB_MN_FBACK_DROP_UNPROTECTED,
	};
	const struct hmip_mh_ba *mba = (const void *)skb_transport_header(skb);
	struct hmip_mn *mn;

	rcu_read_lock();
	mn = hmip_mn_reg_ack_owner(hn, skb, &drops, NULL);
	if (!mn)
		goto out;
	spin_lock(&mn->lock);
	if (mn->fback_in) {
		HMIP_INC_STATS(hn, MN_FBACK_DROP_BACKLOG);
	} else {
		/* mh/rcv.c checked Header Len: the fixed part is there. */
		mn->fback_in = true;
		mn->fback_status = mba->status;
		mn->fback_seq = ntohs(mba->seq);
		if (!mn->dead)
			mod_delayed_work(system_wq, &mn->work, 0);
	}
	spin_unlock(&mn->lock);
out:
	rcu_read_unlock();
}

/* Section 6.2.2: the FBU once the preparation is ready, retransmitted
 * with backoff until the FBack, while the node is still on the link.
 */
static void hmip_mn_fbu_tick(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	if (f->state != HMIP_MN_FMIP_READY || ipv6_addr_any(&f->ncoa))
		return;
	if (f->fbu == HMIP_MN_FBU_NONE) {
		/* From where the preparation was made only. */
		if (!hmip_mn_fbu_usable(mn) ||
		    !ipv6_addr_equal(&mn->lcoa, &f->pcoa) ||
		    ipv6_addr_equal(&mn->lcoa, &f->ncoa))
			return;
		f->fbu = HMIP_MN_FBU_SENT;
		f->fbu_timeout = HMIP_MN_FBU_TIMEOUT;
		f->fbu_next = now + f->fbu_timeout;
		hmip_mn_fbu_send(mn, &f->pcoa, false);
		return;
	}
	if (f->fbu != HMIP_MN_FBU_SENT || !f->fbu_next ||
	    time_before(now, f->fbu_next))
		return;
	/* Gone from the link: arrival decides (hmip_mn_fmip_arrive()). */
	if (!ipv6_addr_equal(&mn->lcoa, &f->pcoa)) {
		f->fbu_next = 0;
		return;
	}
	if (f->fbu_tries >= HMIP_MN_FBU_TRIES) {
		HMIP_INC_STATS(mn->hn, MN_FBU_TIMEOUT);
		f->fbu = HMIP_MN_FBU_TIMEOUT;
		f->fbu_next = 0;
		return;
	}
	f->fbu_timeout *= 2;
	f->fbu_next = now + f->fbu_timeout;
	hmip_mn_fbu_send(mn, &f->pcoa, false);
}

/**
 * hmip_mn_fmip_tick - send the RtSolPr or the FBU that is due, or give up
 * @mn: the mobile node
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_fmip_tick(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_fmip *f = &mn->fmip;

	hmip_mn_fbu_tick(mn, now);
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
	struct hmip_mn_fmip_info info;
	bool in;

	spin_lock_bh(&mn->lock);
	in = mn->fmip_in;
	if (in) {
		info = mn->fmip_rx;
		mn->fmip_in = false;
	}
	spin_unlock_bh(&mn->lock);
	if (!in)
		return;
	if (info.unsolicited) {
		/* Network-initiated: a preparation of its own, as if asked
		 * for the router the network chose; what the last one put
		 * on the link goes first.
		 */
		hmip_mn_fmip_release(mn);
		memset(f, 0, sizeof(*f));
		f->ar = info.nar;
		f->state = HMIP_MN_FMIP_SOLICITING;
		HMIP_INC_STATS(mn->hn, MN_PRRTADV_NETWORK);
	}
	if (f->state != HMIP_MN_FMIP_SOLICITING)
		return;
	f->info = info;
	f->next = 0;
	if (f->info.found) {
		f->state = HMIP_MN_FMIP_READY;
		/* Where the node is: arrival is elsewhere. */
		f->pcoa = mn->lcoa;
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
	if (f->fbu == HMIP_MN_FBU_SENT && f->fbu_next &&
	    time_before(f->fbu_next, next))
		next = f->fbu_next;
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
			/* Unsolicited (@ar ::): the first tuple. */
			if (ip.code == HMIP_FMIP_IP_NAR && !info->found &&
			    (ipv6_addr_any(ar) ||
			     ipv6_addr_equal(&ip.addr, ar))) {
				mine = true;
				info->nar = ip.addr;
			}
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
	struct in6_addr ar, router;
	struct hmip_fmip_hdr _h;
	bool waiting, unsolicited;
	struct hmip_mn *mn;
	u16 id;

	mn = hmip_mn_fmip_find(hn, ifindex);
	if (!mn) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_UNSOLICITED);
		return false;
	}
	h = skb_header_pointer(skb, msg->off, sizeof(_h), &_h);
	spin_lock(&mn->lock);
	waiting = mn->fmip_waiting;
	id = mn->fmip_id;
	ar = mn->fmip_ar;
	router = mn->router;
	spin_unlock(&mn->lock);
	/* Section 3.3: an unsolicited one is taken from the default router
	 * only (the source of the advertisements the node follows); the
	 * solicitation awaited, if any, is answered by it.
	 */
	unsolicited = h && h->code == HMIP_MN_PRRTADV_UNSOLICITED;
	if (!waiting && !unsolicited) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_UNSOLICITED);
		return true;
	}
	if (!h || hmip_fmip_check(skb, msg) ||
	    !(ipv6_addr_type(&ip6h->saddr) & IPV6_ADDR_LINKLOCAL)) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_INVALID);
		return true;
	}
	if (unsolicited) {
		if (!ipv6_addr_equal(&ip6h->saddr, &router)) {
			HMIP_INC_STATS(hn, MN_PRRTADV_DROP_NOT_ROUTER);
			return true;
		}
		ar = in6addr_any;
	} else if (ntohs(h->id) != id) {
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
	info->unsolicited = unsolicited;
	if (hmip_mn_fmip_parse(skb, msg, &ar, info)) {
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_INVALID);
		kfree(info);
		return true;
	}
	spin_lock(&mn->lock);
	if (unsolicited || (mn->fmip_waiting && mn->fmip_id == id)) {
		HMIP_INC_STATS(hn, MN_PRRTADV_RX);
		mn->fmip_rx = *info;
		mn->fmip_in = true;
		/* One answer per preparation. */
		mn->fmip_waiting = false;
		if (!mn->dead)
			mod_delayed_work(system_wq, &mn->work, 0);
	} else {
		/* Another answer was taken meanwhile. */
		HMIP_INC_STATS(hn, MN_PRRTADV_DROP_ID);
	}
	spin_unlock(&mn->lock);
	kfree(info);
	return true;
}
