// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements on an access router.
 *
 * Out: a POST_ROUTING hook catches every router advertisement leaving an
 * interface, whoever sent it (radvd, another daemon, the kernel never
 * does; hop limit 255 and a link-local source, so not a forwarded
 * packet of type 134), and appends the MAP options that interface has: the configured
 * ones, this node's own as a MAP (RFC 4140 section 7.1.2), and those
 * learned upstream with Dist + 1 (section 7.1.1). The packet is made
 * private and linear, grown at the tail, and its payload length and
 * ICMPv6 checksum are set anew. Options that would take the packet past
 * the path MTU are left out and counted: a smaller valid advertisement
 * beats a fragmented one (RFC 4861 6.1.2 drops those at hop limit 255
 * only after reassembly, but many hosts never reassemble ND).
 *
 * xfrm runs its POST_ROUTING hook before the transform, so an
 * advertisement protected with AH is extended before the ICV is computed;
 * the transformed packet (next header AH) is left alone.
 *
 * In: a LOCAL_IN hook reads the MAP options of advertisements that
 * arrive on a relay's upstream interface (after IPsec, which re-injects
 * the decapsulated packet) and keeps them, smallest Dist per MAP chosen
 * when sending. It also passes echo replies to the failure detector.
 */

#include <linux/icmpv6.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>

#include "ar/ar.h"
#include "core/netns.h"
#include "core/trace.h"
#include "nd/ra.h"

static struct hmip_map_info *hmip_ar_ra_find(struct hmip_ar_ra_set *set,
					     const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < set->n; i++)
		if (ipv6_addr_equal(&set->info[i].addr, addr))
			return &set->info[i];
	return NULL;
}

/* Add @info unless its MAP is there already; a relayed one replaces a
 * relayed one of larger Dist.
 */
static void hmip_ar_ra_put(struct hmip_ar_ra_set *set,
			   const struct hmip_map_info *info, bool relayed)
{
	struct hmip_map_info *old = hmip_ar_ra_find(set, &info->addr);

	if (old) {
		if (relayed && info->dist < old->dist)
			*old = *info;
		return;
	}
	if (set->n == HMIP_AR_MAX_RA_OPTS) {
		set->dropped++;
		return;
	}
	set->info[set->n++] = *info;
}

/* Valid lifetime of this node's own MAP option, as configured on the
 * MAP's interface; infinite when the address is on another interface.
 * RFC 4140 section 5: what is left of the smaller of the address's valid
 * and preferred lifetimes. RFC 5380 section 5: of the valid lifetimes of
 * the prefixes of the MAP's address and of the RCoAs, one /64 here: a
 * deprecated MAP address still serves the bindings it has. False when
 * the node lost the address.
 */
static bool hmip_ar_ra_own_lifetime(struct net *net, int ifindex,
				    const struct in6_addr *addr, u16 rfc,
				    u32 *life)
{
	struct net_device *dev = dev_get_by_index_rcu(net, ifindex);
	struct inet6_dev *idev = dev ? __in6_dev_get(dev) : NULL;
	struct inet6_ifaddr *ifp;
	unsigned long age;
	bool found = false;
	u32 lft;

	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifp, &idev->addr_list, if_list) {
			if (!ipv6_addr_equal(&ifp->addr, addr))
				continue;
			lft = ifp->valid_lft;
			if (rfc == HMIP_RFC_4140)
				lft = min(lft, ifp->prefered_lft);
			if (ifp->flags & IFA_F_PERMANENT ||
			    lft == HMIP_MAP_OPT_INFINITY) {
				*life = HMIP_MAP_OPT_INFINITY;
			} else {
				age = (jiffies - ifp->tstamp) / HZ;
				*life = lft > age ? lft - age : 0;
			}
			found = true;
			break;
		}
		read_unlock_bh(&idev->lock);
	}
	if (found)
		return true;
	*life = HMIP_MAP_OPT_INFINITY;
	return ipv6_chk_addr(net, addr, NULL, 0);
}

static bool hmip_ar_ra_relays_to(struct hmip_net *hn, int ifindex, int from)
{
	struct hmip_ar_relay *relay;

	list_for_each_entry_rcu(relay, &hn->ar->relays, list)
		if (relay->ifindex == ifindex && (!from || relay->from == from))
			return true;
	return false;
}

static bool hmip_ar_ra_relays_from(struct hmip_net *hn, int from)
{
	struct hmip_ar_relay *relay;

	list_for_each_entry_rcu(relay, &hn->ar->relays, list)
		if (relay->from == from)
			return true;
	return false;
}

/* One advertisement's view of this node's own MAPs. */
struct hmip_ar_ra_own {
	struct hmip_net *hn;
	int ifindex;
	bool relay;
	struct hmip_ar_ra_set *set;
};

/* A MAP of this node goes into the advertisements of its own link, and of
 * every link the node relays to.
 */
static void hmip_ar_ra_own_put(void *ctx, const struct in6_addr *addr,
			       int ifindex, u8 pref, u16 rfc)
{
	struct hmip_ar_ra_own *own = ctx;
	struct hmip_map_info info;
	u32 life;

	if (ifindex != own->ifindex && !own->relay)
		return;
	if (!hmip_ar_ra_own_lifetime(own->hn->net, ifindex, addr, rfc, &life))
		return;
	info.addr = *addr;
	info.dist = 1;
	info.pref = pref;
	info.rflag = true;
	info.valid_lifetime = life;
	hmip_ar_ra_put(own->set, &info, false);
}

/* Under RCU: every option an advertisement leaving @ifindex carries (and a
 * Proxy Router Advertisement, fmip.c).
 */
void hmip_ar_ra_collect(struct hmip_net *hn, int ifindex,
			struct hmip_ar_ra_set *set)
{
	hmip_ar_own_collect_t collect;
	struct hmip_ar_learned *l;
	struct hmip_map_info info;
	struct hmip_ar_opt *opt;
	bool relay;

	list_for_each_entry_rcu(opt, &hn->ar->opts, list) {
		if (opt->ifindex != ifindex)
			continue;
		info.addr = opt->info.addr;
		info.dist = READ_ONCE(opt->info.dist);
		info.pref = READ_ONCE(opt->info.pref);
		info.rflag = READ_ONCE(opt->info.rflag);
		info.valid_lifetime = hmip_ar_opt_lifetime(opt);
		hmip_ar_ra_put(set, &info, false);
	}

	relay = hmip_ar_ra_relays_to(hn, ifindex, 0);
	collect = READ_ONCE(hn->ar->own_collect);
	if (collect) {
		struct hmip_ar_ra_own own = {
			.hn = hn,
			.ifindex = ifindex,
			.relay = relay,
			.set = set,
		};

		collect(hn, hmip_ar_ra_own_put, &own);
	}

	if (!relay)
		return;
	list_for_each_entry_rcu(l, &hn->ar->learned, list) {
		if (!hmip_ar_ra_relays_to(hn, ifindex, l->from))
			continue;
		info.addr = l->info.addr;
		info.dist = READ_ONCE(l->info.dist) + 1;
		info.pref = READ_ONCE(l->info.pref);
		info.rflag = READ_ONCE(l->info.rflag);
		if (!READ_ONCE(l->info.valid_lifetime)) {
			/* A failed MAP: say so downstream for a while. */
			if (time_after(jiffies,
				       READ_ONCE(l->heard) + HMIP_AR_ZERO_HOLD))
				continue;
			info.valid_lifetime = 0;
		} else {
			info.valid_lifetime = hmip_ar_learned_remaining(l);
			if (!info.valid_lifetime)
				continue;	/* expired */
		}
		hmip_ar_ra_put(set, &info, true);
	}
}

/* Drop from @set the MAPs whose option the advertisement @msg of @skb
 * has already.
 */
static void hmip_ar_ra_skip_present(struct hmip_ar_ra_set *set,
				    const struct sk_buff *skb,
				    const struct hmip_nd_msg *msg)
{
	struct hmip_map_info info, *dup;
	struct hmip_nd_ra_opts it;

	hmip_nd_ra_opts_start(&it, skb, msg);
	while (hmip_nd_ra_opts_next(&it) > 0) {
		if (!hmip_nd_map_opt_parse(it.data, it.len, &info))
			continue;
		dup = hmip_ar_ra_find(set, &info.addr);
		if (dup)
			*dup = set->info[--set->n];
	}
}

unsigned int hmip_ar_ra_out(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	struct hmip_net *hn = priv;
	struct hmip_ar_ra_set set;
	struct hmip_map_opt *opt;
	struct icmp6hdr *icmph;
	struct hmip_nd_msg msg;
	struct ipv6hdr *ip6h;
	unsigned int mtu, room, i, len, need;
	const unsigned int off = sizeof(*ip6h);

	/* The copy a multicast advertisement loops back to this host passes
	 * POST_ROUTING again, after the original got its options: leave it.
	 */
	if (state->okfn == dev_loopback_xmit)
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	if (ip6h->nexthdr != IPPROTO_ICMPV6 || !state->out ||
	    !pskb_may_pull(skb, off + sizeof(struct ra_msg)))
		return NF_ACCEPT;
	icmph = (struct icmp6hdr *)(skb_network_header(skb) + off);
	if (icmph->icmp6_type != NDISC_ROUTER_ADVERTISEMENT ||
	    icmph->icmp6_code)
		return NF_ACCEPT;
	/* POST_ROUTING sees forwarded packets too: only what hosts take as
	 * a router advertisement (RFC 4861 section 6.1.2: hop limit 255, a
	 * link-local source) is one, anything else of type 134 goes on as
	 * it is.
	 */
	if (!hmip_nd_ra_from_router(ipv6_hdr(skb))) {
		HMIP_INC_STATS(hn, AR_RA_SKIP_INVALID);
		return NF_ACCEPT;
	}

	set.n = 0;
	set.dropped = 0;
	hmip_ar_ra_collect(hn, state->out->ifindex, &set);
	if (!set.n && !set.dropped)
		return NF_ACCEPT;

	if ((skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) ||
	    skb_linearize_cow(skb)) {
		HMIP_INC_STATS(hn, AR_RA_NOMEM);
		return NF_ACCEPT;
	}
	len = skb->len - skb_network_offset(skb);
	if (len < off + sizeof(struct ra_msg))
		return NF_ACCEPT;
	msg.off = skb_network_offset(skb) + off;
	msg.len = len - off;
	hmip_ar_ra_skip_present(&set, skb, &msg);

	mtu = READ_ONCE(state->out->mtu);
	if (skb_dst(skb))
		mtu = min(mtu, dst_mtu(skb_dst(skb)));
	room = mtu > len ? (mtu - len) / sizeof(*opt) : 0;
	if (set.n > room) {
		set.dropped += set.n - room;
		set.n = room;
	}
	if (set.dropped)
		HMIP_ADD_STATS(hn, AR_OPT_DROP_MTU, set.dropped);
	if (!set.n)
		return NF_ACCEPT;

	need = set.n * sizeof(*opt);
	if (skb_tailroom(skb) < need &&
	    pskb_expand_head(skb, 0, need - skb_tailroom(skb), GFP_ATOMIC)) {
		HMIP_INC_STATS(hn, AR_RA_NOMEM);
		return NF_ACCEPT;
	}
	opt = skb_put(skb, need);
	for (i = 0; i < set.n; i++) {
		hmip_nd_map_opt_fill(&opt[i], &set.info[i]);
		trace_hmip_ar_map_opt(hn->net, state->out->ifindex,
				      &set.info[i].addr, set.info[i].dist,
				      set.info[i].pref, set.info[i].rflag,
				      set.info[i].valid_lifetime);
	}

	ip6h = ipv6_hdr(skb);
	len += need;
	ip6h->payload_len = htons(len - off);
	icmph = (struct icmp6hdr *)((u8 *)ip6h + off);
	icmph->icmp6_cksum = 0;
	icmph->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr,
					     len - off, IPPROTO_ICMPV6,
					     csum_partial(icmph, len - off, 0));
	skb->ip_summed = CHECKSUM_NONE;

	HMIP_INC_STATS(hn, AR_RA_EXTENDED);
	HMIP_ADD_STATS(hn, AR_OPT_SENT, set.n);
	return NF_ACCEPT;
}

/* Remember @info heard on @from; BHs off. */
static void hmip_ar_ra_learn(struct hmip_net *hn, int from,
			     const struct hmip_map_info *info)
{
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_learned *l;

	spin_lock(&ar->learned_lock);
	list_for_each_entry(l, &ar->learned, list) {
		if (l->from == from && ipv6_addr_equal(&l->info.addr,
						       &info->addr)) {
			WRITE_ONCE(l->info.dist, info->dist);
			WRITE_ONCE(l->info.pref, info->pref);
			WRITE_ONCE(l->info.rflag, info->rflag);
			WRITE_ONCE(l->info.valid_lifetime,
				   info->valid_lifetime);
			WRITE_ONCE(l->heard, jiffies);
			goto out;
		}
	}
	if (ar->n_learned >= HMIP_AR_MAX_LEARNED) {
		HMIP_INC_STATS(hn, AR_RELAY_DROP_FULL);
		goto out;
	}
	l = kzalloc(sizeof(*l), GFP_ATOMIC);
	if (!l) {
		HMIP_INC_STATS(hn, AR_RA_NOMEM);
		goto out;
	}
	l->from = from;
	l->info = *info;
	l->heard = jiffies;
	list_add_tail_rcu(&l->list, &ar->learned);
	ar->n_learned++;
out:
	spin_unlock(&ar->learned_lock);
}

/* Forget what was learned on @from (0: everywhere), and what expired. */
void hmip_ar_ra_flush(struct hmip_net *hn, int from)
{
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_learned *l, *tmp;

	spin_lock_bh(&ar->learned_lock);
	list_for_each_entry_safe(l, tmp, &ar->learned, list) {
		if (from && l->from != from)
			continue;
		list_del_rcu(&l->list);
		ar->n_learned--;
		kfree_rcu(l, rcu);
	}
	spin_unlock_bh(&ar->learned_lock);
}

/* Drop learned options that expired, so their room serves new ones. */
static void hmip_ar_ra_expire(struct hmip_net *hn)
{
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_learned *l, *tmp;
	bool dead;

	spin_lock(&ar->learned_lock);
	list_for_each_entry_safe(l, tmp, &ar->learned, list) {
		if (!l->info.valid_lifetime)
			dead = time_after(jiffies, l->heard + HMIP_AR_ZERO_HOLD);
		else
			dead = !hmip_ar_learned_remaining(l);
		if (!dead)
			continue;
		list_del_rcu(&l->list);
		ar->n_learned--;
		kfree_rcu(l, rcu);
	}
	spin_unlock(&ar->learned_lock);
}

/* The router advertisement @msg of @skb arrived on @from. */
static void hmip_ar_ra_rcv(struct hmip_net *hn, struct sk_buff *skb,
			   const struct hmip_nd_msg *msg, int from)
{
	struct hmip_map_info info;
	struct hmip_nd_ra_opts it;
	bool upstream;
	int err;

	/* Only what is learned needs the IPsec policy's word. */
	upstream = hmip_ar_ra_relays_from(hn, from);
	err = hmip_nd_ra_check(skb, msg, upstream);
	if (err == -EPERM) {
		HMIP_INC_STATS(hn, AR_RELAY_DROP_POLICY);
		return;
	}
	if (err) {
		HMIP_INC_STATS(hn, AR_RELAY_DROP_BAD_RA);
		return;
	}
	/* An option of length 0 or past the end makes ndisc drop the whole
	 * advertisement (RFC 4861 section 4.6): nothing in it is learned,
	 * the options before that one neither.
	 */
	hmip_nd_ra_opts_start(&it, skb, msg);
	while ((err = hmip_nd_ra_opts_next(&it)) > 0)
		;
	if (err) {
		HMIP_INC_STATS(hn, AR_RELAY_DROP_BAD_RA);
		return;
	}
	if (upstream)
		hmip_ar_ra_expire(hn);
	hmip_nd_ra_opts_start(&it, skb, msg);
	while (hmip_nd_ra_opts_next(&it) > 0) {
		if (it.type != HMIP_ND_OPT_MAP)
			continue;
		if (!upstream) {
			HMIP_INC_STATS(hn, AR_RELAY_DROP_UNCONFIGURED);
			continue;
		}
		if (!hmip_nd_map_opt_parse(it.data, it.len, &info)) {
			HMIP_INC_STATS(hn, AR_RELAY_DROP_INVALID);
			continue;
		}
		if (info.dist >= HMIP_MAP_OPT_DIST_MAX) {
			HMIP_INC_STATS(hn, AR_RELAY_DROP_DIST);
			continue;
		}
		HMIP_INC_STATS(hn, AR_RELAY_RX_OPT);
		hmip_ar_ra_learn(hn, from, &info);
	}
}

unsigned int hmip_ar_ra_in(void *priv, struct sk_buff *skb,
			   const struct nf_hook_state *state)
{
	struct hmip_net *hn = priv;
	struct icmp6hdr _icmph;
	const struct icmp6hdr *icmph;
	struct hmip_nd_msg msg;

	if (!state->in)
		return NF_ACCEPT;
	icmph = hmip_nd_ra_icmp(skb, &_icmph, &msg);
	if (!icmph)
		return NF_ACCEPT;

	if (icmph->icmp6_type == ICMPV6_ECHO_REPLY &&
	    icmph->icmp6_identifier == htons(hn->ar->echo_id))
		hmip_ar_watch_reply(hn, &ipv6_hdr(skb)->saddr);
	else if (hmip_fmip_match(icmph, &msg, HMIP_FMIP_SUB_RTSOLPR))
		hmip_ar_fmip_rcv(hn, skb, &msg, state->in);
	else if (hmip_nd_ra_match(icmph, &msg))
		hmip_ar_ra_rcv(hn, skb, &msg, state->in->ifindex);
	else if (icmph->icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT)
		hmip_ar_buffer_una(hn, skb, &msg, state->in);
	return NF_ACCEPT;
}
