// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile Prefix Discovery at the mobile node (RFC 6275 sections 6.7, 6.8,
 * 11.4.2, 11.4.3 and 11.8): when the home agent grants a home registration
 * less than asked (the home prefix's remaining valid lifetime caps it,
 * section 10.3.1) or answers status 1 (accepted but prefix discovery
 * necessary), the node sends a Mobile Prefix Solicitation (ICMPv6 146)
 * from its registered care-of address to the home agent, its home address
 * in a Home Address option, with a random Identifier; IPsec policies for
 * {home address -> home agent, ICMPv6 146} apply as to its Binding
 * Updates. It is retransmitted after INITIAL_SOLICIT_TIMER, the wait
 * doubling, %HMIP_MN_MPS_RETRIES times.
 *
 * The Mobile Prefix Advertisement (147) comes to the care-of address with
 * the home address in a type 2 routing header. The kernel processes that
 * header after LOCAL_IN and hands the message to ICMPv6 directly (the
 * home address is local: no second LOCAL_IN), so the mobile node's
 * LOCAL_IN hook (ra.c) takes it as it arrives, the header not processed
 * yet; one under ESP is seen once xfrm re-injects the plaintext, the
 * header processed then. Checked here: from the home agent, the
 * Identifier of the last solicitation; its Prefix Information options
 * are kept (shown by "mn show"). An unsolicited one is dropped and
 * answered with a solicitation (section 11.4.3).
 */
#include <linux/icmpv6.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "mh/mh.h"
#include "mh/xfrm.h"
#include "mn/mn.h"

/* Type, Code, Checksum, Identifier, and Reserved or M, O, Reserved. */
#define HMIP_MN_MPD_HDR_LEN	8

/* RFC 4861 section 4.6.2, the Prefix Information option, as read here. */
struct hmip_mn_pio {
	u8 type;
	u8 length;
	u8 prefix_len;
	u8 flags;
	__be32 valid;
	__be32 preferred;
	__be32 reserved;
	struct in6_addr prefix;
};

static_assert(sizeof(struct hmip_mn_pio) == 32);

/* The inbox's side: which advertisement is awaited. */
static void hmip_mn_mpd_await(struct hmip_mn *mn, bool waiting, u16 id)
{
	spin_lock_bh(&mn->lock);
	mn->mpa_waiting = waiting;
	mn->mpa_id = id;
	spin_unlock_bh(&mn->lock);
}

/**
 * hmip_mn_mpd_reset - forget prefix discovery
 * @mn: the mobile node
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_mpd_reset(struct hmip_mn *mn)
{
	memset(&mn->mpd, 0, sizeof(mn->mpd));
	hmip_mn_mpd_await(mn, false, 0);
}

/**
 * hmip_mn_mpd_want - start a solicitation round, unless one runs
 * @mn: the mobile node
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_mpd_want(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_mpd *d = &mn->mpd;

	if (d->waiting || d->next)
		return;
	d->round = 0;
	d->next = now;
}

/**
 * hmip_mn_mpd_tick - send the solicitation that is due
 * @mn: the mobile node, registered with its home agent, away from home
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_mpd_tick(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_mpd *d = &mn->mpd;
	const struct hmip_mn_home *h = &mn->home;
	struct hmip_net *hn = mn->hn;
	struct icmp6hdr req = { .icmp6_type = ICMPV6_MOBILE_PREFIX_SOL };
	int oif;

	if (!d->next || time_before(now, d->next))
		return;
	if (d->round > HMIP_MN_MPS_RETRIES) {
		HMIP_INC_STATS(hn, MN_MPS_TIMEOUT);
		d->waiting = false;
		d->next = 0;
		hmip_mn_mpd_await(mn, false, 0);
		return;
	}
	d->timeout = d->round ? d->timeout * 2 : HMIP_MN_MPS_TIMEOUT;
	/* Section 11.4.2: a random Identifier for each solicitation; only
	 * the last one's advertisement is taken (11.4.3).
	 */
	d->id = get_random_u16();
	d->waiting = true;
	d->round++;
	d->next = now + d->timeout;
	hmip_mn_mpd_await(mn, true, d->id);
	req.icmp6_identifier = htons(d->id);
	oif = ipv6_addr_equal(&h->coa, &mn->lcoa) ? mn->ifindex : 0;
	if (hmip_mh_send_icmp_hao(hn, &h->coa, &mn->ha, &mn->hoa, oif, &req,
				  sizeof(req)))
		HMIP_INC_STATS(hn, MN_MPS_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_MPS_TX);
}

/**
 * hmip_mn_mpd_take - take the advertisement the inbox holds, if any
 * @mn: the mobile node
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_mpd_take(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_mpd *d = &mn->mpd;
	bool in, unsolicited;

	spin_lock_bh(&mn->lock);
	in = mn->mpa_in;
	if (in) {
		d->n = mn->n_mpa_rx;
		memcpy(d->prefixes, mn->mpa_rx, d->n * sizeof(d->prefixes[0]));
		mn->mpa_in = false;
	}
	unsolicited = mn->mpa_unsolicited;
	mn->mpa_unsolicited = false;
	spin_unlock_bh(&mn->lock);
	if (unsolicited)
		hmip_mn_mpd_want(mn, now);
	if (!in)
		return;
	d->heard = now;
	d->waiting = false;
	d->next = 0;
	d->round = 0;
}

/* When the worker must run next for prefix discovery, at the latest. A
 * solicitation due but not sent (the registration not there) waits for
 * the event that brings it: no timer spins meanwhile.
 */
unsigned long hmip_mn_mpd_next(struct hmip_mn *mn, unsigned long next)
{
	const struct hmip_mn_mpd *d = &mn->mpd;

	if (mn->home_tunnel && d->next && time_after(d->next, jiffies) &&
	    time_before(d->next, next))
		next = d->next;
	return next;
}

/* Context: RCU. The node whose home address is @hoa, with its home agent
 * in *@ha, or NULL.
 */
static struct hmip_mn *hmip_mn_mpd_find(struct hmip_net *hn,
					const struct in6_addr *hoa,
					struct in6_addr *ha)
{
	const struct hmip_mn_home_path *path;
	struct hmip_mn *mn;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list) {
		path = rcu_dereference(mn->home.path);
		if (path && ipv6_addr_equal(&path->hoa, hoa)) {
			*ha = path->ha;
			return mn;
		}
	}
	return NULL;
}

/* The Prefix Information options of the advertisement at @off, @len
 * octets: false when the options do not tile it.
 */
static bool hmip_mn_mpd_parse(struct sk_buff *skb, unsigned int off,
			      unsigned int len,
			      struct hmip_mn_home_prefix *out, unsigned int *n)
{
	const struct hmip_mn_pio *pinfo;
	struct hmip_mn_pio _pinfo;
	unsigned int pos, optlen;
	u8 _opt[2];
	const u8 *opt;

	*n = 0;
	for (pos = HMIP_MN_MPD_HDR_LEN; pos < len; pos += optlen) {
		opt = skb_header_pointer(skb, off + pos, sizeof(_opt), _opt);
		if (!opt || !opt[1])
			return false;
		optlen = opt[1] * 8;
		if (pos + optlen > len)
			return false;
		if (opt[0] != ND_OPT_PREFIX_INFO || optlen != sizeof(_pinfo) ||
		    *n == HMIP_MN_MAX_HOME_PREFIXES)
			continue;
		pinfo = skb_header_pointer(skb, off + pos, sizeof(_pinfo),
					   &_pinfo);
		if (!pinfo || pinfo->prefix_len > 128)
			return false;
		ipv6_addr_prefix(&out[*n].prefix, &pinfo->prefix,
				 pinfo->prefix_len);
		out[*n].len = pinfo->prefix_len;
		out[*n].valid = ntohl(pinfo->valid);
		out[*n].preferred = ntohl(pinfo->preferred);
		(*n)++;
	}
	return true;
}

/**
 * hmip_mn_mpd_rcv - a Mobile Prefix Advertisement to a home address
 * @hn: hmip state of the netns
 * @skb: the packet, a routing header right after its IPv6 header
 *
 * Section 11.4.3: from the home agent, through a type 2 routing header
 * (as it arrived: segments left 1, the home address in the header; after
 * xfrm: segments left 0, the home address the destination), code 0, a
 * correct checksum, the Identifier of the last solicitation; an
 * unsolicited one asks for a solicitation.
 *
 * Context: softirq, RCU held.
 * Return: true when it was an advertisement for a home address of this
 * netns's nodes (consumed), false to leave the packet alone.
 */
bool hmip_mn_mpd_rcv(struct hmip_net *hn, struct sk_buff *skb)
{
	struct hmip_mn_home_prefix prefixes[HMIP_MN_MAX_HOME_PREFIXES];
	unsigned int nhoff = skb_network_offset(skb), off, end, len, n;
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct icmp6hdr *icmph;
	const struct rt2_hdr *rt2;
	const struct in6_addr *hoa;
	struct icmp6hdr _icmph;
	struct rt2_hdr _rt2;
	struct hmip_sa_id sa;
	struct in6_addr ha;
	struct hmip_mn *mn;

	rt2 = skb_header_pointer(skb, nhoff + sizeof(*ip6h), sizeof(_rt2),
				 &_rt2);
	if (!rt2 || rt2->rt_hdr.type != IPV6_SRCRT_TYPE_2 ||
	    rt2->rt_hdr.hdrlen != 2 || rt2->rt_hdr.segments_left > 1 ||
	    rt2->rt_hdr.nexthdr != IPPROTO_ICMPV6)
		return false;
	hoa = rt2->rt_hdr.segments_left ? &rt2->addr : &ip6h->daddr;
	off = nhoff + sizeof(*ip6h) + sizeof(*rt2);
	icmph = skb_header_pointer(skb, off, sizeof(_icmph), &_icmph);
	if (!icmph || icmph->icmp6_type != ICMPV6_MOBILE_PREFIX_ADV)
		return false;
	mn = hmip_mn_mpd_find(hn, hoa, &ha);
	if (!mn)
		return false;
	if (!ipv6_addr_equal(&ip6h->saddr, &ha)) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_NOT_HA);
		return true;
	}
	/* Sections 6.8 and 11.4.3: protected as the Binding
	 * Acknowledgments are, when the node requires it.
	 */
	if (READ_ONCE(mn->require_ipsec) &&
	    !hmip_mh_xfrm_protected_msg(skb, IPPROTO_ICMPV6, ICMPV6_MOBILE_PREFIX_ADV,
					&sa)) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_UNPROTECTED);
		return true;
	}
	end = nhoff + sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (end > skb->len || end < off + HMIP_MN_MPD_HDR_LEN ||
	    icmph->icmp6_code) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_MALFORMED);
		return true;
	}
	len = end - off;
	/* Section 6.4: the pseudo-header has the final destination, the
	 * home address.
	 */
	if (csum_ipv6_magic(&ip6h->saddr, hoa, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, len, 0))) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_CHECKSUM);
		return true;
	}
	if (!hmip_mn_mpd_parse(skb, off, len, prefixes, &n)) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_MALFORMED);
		return true;
	}
	spin_lock(&mn->lock);
	if (!mn->mpa_waiting ||
	    mn->mpa_id != ntohs(icmph->icmp6_identifier)) {
		HMIP_INC_STATS(hn, MN_MPA_DROP_ID);
		/* Section 11.4.3: it SHOULD ask (unsolicited: the home
		 * prefixes changed, section 10.6.2).
		 */
		mn->mpa_unsolicited = true;
	} else {
		HMIP_INC_STATS(hn, MN_MPA_RX);
		memcpy(mn->mpa_rx, prefixes, n * sizeof(prefixes[0]));
		mn->n_mpa_rx = n;
		mn->mpa_in = true;
		mn->mpa_waiting = false;
	}
	if (!mn->dead)
		mod_delayed_work(system_wq, &mn->work, 0);
	spin_unlock(&mn->lock);
	return true;
}
