// SPDX-License-Identifier: GPL-2.0
/*
 * What a mobile node reads in router advertisements (RFC 4140 section
 * 7.2): the MAP options, stored per interface with the router that sent
 * them and compared with the previous ones, and the autonomous prefixes
 * that tell which of the interface's addresses is the LCoA on this link,
 * and the Advertisement Interval that movement detection watches (md.c).
 *
 * A LOCAL_IN hook sees the advertisement next to ndisc, which still
 * processes it as usual (default router, prefixes, addrconf): hmip only
 * reads. Anything that changes the choice of MAP or the LCoA wakes the
 * node's worker (reg.c). The same hook hands home agent discovery replies
 * to dhaad.c, Mobile Prefix Advertisements to mpd.c, Proxy Router
 * Advertisements to fmip.c.
 */
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <asm/unaligned.h>
#include <net/addrconf.h>
#include <net/ndisc.h>

#include "mn/mn.h"
#include "core/addr.h"
#include "core/netns.h"
#include "nd/ra.h"
#include "nd/send.h"

/* Seconds left of an option (0 for a failed MAP's). Caller holds the lock. */
u32 hmip_mn_ra_opt_remaining(const struct hmip_mn_opt *o)
{
	unsigned long age = (jiffies - o->heard) / HZ;

	if (o->info.valid_lifetime == HMIP_MAP_OPT_INFINITY)
		return HMIP_MAP_OPT_INFINITY;
	return o->info.valid_lifetime > age ? o->info.valid_lifetime - age : 0;
}

/* What one advertisement said, decoded. */
struct hmip_mn_ra {
	struct in6_addr router;
	u32 adv_ms;
	struct hmip_map_info maps[HMIP_MN_MAX_OPTS];
	unsigned int n_maps;
	struct in6_addr prefixes[HMIP_MN_MAX_PREFIXES];
	unsigned int n_prefixes;
};

static struct hmip_mn_opt *hmip_mn_opt_find(struct hmip_mn *mn,
					    const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < mn->n_opts; i++)
		if (ipv6_addr_equal(&mn->opts[i].info.addr, addr))
			return &mn->opts[i];
	return NULL;
}

static bool hmip_mn_ra_lists(const struct hmip_mn_ra *ra,
			     const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < ra->n_maps; i++)
		if (ipv6_addr_equal(&ra->maps[i].addr, addr))
			return true;
	return false;
}

/* Whether the choice of MAP may depend on the difference. */
static bool hmip_mn_info_differs(const struct hmip_map_info *a,
				 const struct hmip_map_info *b)
{
	return a->dist != b->dist || a->pref != b->pref ||
	       a->rflag != b->rflag ||
	       !a->valid_lifetime != !b->valid_lifetime;
}

/* Merges @ra into the node's inbox. Returns whether the worker must look.
 * The first router heard on the link is the default router and its
 * prefixes decide the LCoA until it is lost (RFC 6275 section 11.5.1:
 * hearing a new router is no movement while the old one is reachable);
 * another one is kept aside for when it is (md.c).
 */
static bool hmip_mn_ra_merge(struct hmip_net *hn, struct hmip_mn *mn,
			     const struct hmip_mn_ra *ra)
{
	struct hmip_mn_opt *o;
	bool changed = !mn->heard_ra;
	unsigned int i;

	if (mn->heard_ra && !ipv6_addr_any(&mn->router) &&
	    !ipv6_addr_equal(&mn->router, &ra->router)) {
		/* Without the interval the worker has no deadline: a new
		 * router is its cue to check the current one.
		 */
		if (!mn->router_adv_ms &&
		    !ipv6_addr_equal(&mn->alt.addr, &ra->router))
			changed = true;
		mn->alt.addr = ra->router;
		memcpy(mn->alt.prefixes, ra->prefixes,
		       ra->n_prefixes * sizeof(ra->prefixes[0]));
		mn->alt.n_prefixes = ra->n_prefixes;
		mn->alt.heard = jiffies;
		mn->alt.adv_ms = ra->adv_ms;
		goto opts;
	}
	mn->heard_ra = true;
	if (!ipv6_addr_equal(&mn->router, &ra->router) ||
	    mn->n_prefixes != ra->n_prefixes ||
	    memcmp(mn->prefixes, ra->prefixes,
		   ra->n_prefixes * sizeof(ra->prefixes[0])))
		changed = true;
	mn->router = ra->router;
	memcpy(mn->prefixes, ra->prefixes,
	       ra->n_prefixes * sizeof(ra->prefixes[0]));
	mn->n_prefixes = ra->n_prefixes;
	mn->router_heard = jiffies;
	mn->router_adv_ms = ra->adv_ms;
	/* A timer, not the worker, waits for the next one: an advertising
	 * router costs no worker run.
	 */
	if (ra->adv_ms && !mn->dead)
		mod_timer(&mn->silence,
			  jiffies + hmip_mn_md_deadline(ra->adv_ms));

opts:

	/* An option this router advertised before and not now is gone. */
	for (i = 0; i < mn->n_opts;) {
		o = &mn->opts[i];
		if (ipv6_addr_equal(&o->router, &ra->router) &&
		    !hmip_mn_ra_lists(ra, &o->info.addr)) {
			mn->opts[i] = mn->opts[--mn->n_opts];
			changed = true;
			continue;
		}
		i++;
	}

	for (i = 0; i < ra->n_maps; i++) {
		o = hmip_mn_opt_find(mn, &ra->maps[i].addr);
		if (!o) {
			if (mn->n_opts == HMIP_MN_MAX_OPTS) {
				HMIP_INC_STATS(hn, MN_OPT_DROP_FULL);
				continue;
			}
			o = &mn->opts[mn->n_opts++];
			memset(o, 0, sizeof(*o));
			changed = true;
		} else if (hmip_mn_info_differs(&o->info, &ra->maps[i])) {
			changed = true;
		}
		o->info = ra->maps[i];
		o->router = ra->router;
		o->heard = jiffies;
	}
	return changed;
}

/* Decodes the advertisement @msg of @skb; false when ndisc drops it. */
static bool hmip_mn_ra_parse(struct hmip_net *hn, const struct sk_buff *skb,
			     const struct hmip_nd_msg *msg,
			     struct hmip_mn_ra *ra)
{
	const struct prefix_info *pinfo;
	struct hmip_nd_ra_opts it;
	int err;

	hmip_nd_ra_opts_start(&it, skb, msg);
	while ((err = hmip_nd_ra_opts_next(&it)) > 0) {
		if (it.type == HMIP_ND_OPT_MAP) {
			if (ra->n_maps == HMIP_MN_MAX_OPTS) {
				HMIP_INC_STATS(hn, MN_OPT_DROP_FULL);
				continue;
			}
			/* Section 5: "one of the MAP's global addresses". */
			if (!hmip_nd_map_opt_parse(it.data, it.len,
						   &ra->maps[ra->n_maps]) ||
			    !hmip_addr_global(&ra->maps[ra->n_maps].addr)) {
				HMIP_INC_STATS(hn, MN_OPT_DROP_INVALID);
				continue;
			}
			ra->n_maps++;
		} else if (it.type == HMIP_ND_OPT_ADV_INTERVAL) {
			/* Length 1, the interval a router may use (section
			 * 7.5): else not used for movement detection.
			 */
			if (it.len != 8) {
				HMIP_INC_STATS(hn, MN_ADV_INTERVAL_INVALID);
				continue;
			}
			ra->adv_ms = get_unaligned_be32(it.data + 4);
			if (ra->adv_ms < HMIP_MN_ADV_MIN_MS ||
			    ra->adv_ms > HMIP_MN_ADV_MAX_MS) {
				HMIP_INC_STATS(hn, MN_ADV_INTERVAL_INVALID);
				ra->adv_ms = 0;
			}
		} else if (it.type == ND_OPT_PREFIX_INFO &&
			   it.len == sizeof(*pinfo) &&
			   ra->n_prefixes < HMIP_MN_MAX_PREFIXES) {
			pinfo = (const struct prefix_info *)it.data;
			if (!pinfo->autoconf || pinfo->prefix_len != 64 ||
			    !pinfo->valid)
				continue;
			ra->prefixes[ra->n_prefixes++] = pinfo->prefix;
		}
	}
	return !err;
}

static void hmip_mn_ra_rcv(struct hmip_net *hn, struct hmip_mn *mn,
			   struct sk_buff *skb, const struct hmip_nd_msg *msg)
{
	struct hmip_mn_ra *ra;
	bool changed;
	int err;

	err = hmip_nd_ra_check(skb, msg, true);
	if (err == -EPERM) {
		HMIP_INC_STATS(hn, MN_RA_DROP_POLICY);
		return;
	}
	if (err) {
		HMIP_INC_STATS(hn, MN_RA_DROP_BAD);
		return;
	}
	ra = kzalloc(sizeof(*ra), GFP_ATOMIC);
	if (!ra)
		return;
	ra->router = ipv6_hdr(skb)->saddr;
	if (!hmip_mn_ra_parse(hn, skb, msg, ra)) {
		HMIP_INC_STATS(hn, MN_RA_DROP_BAD);
		goto out;
	}
	HMIP_INC_STATS(hn, MN_RA_RX);
	spin_lock(&mn->lock);
	changed = hmip_mn_ra_merge(hn, mn, ra);
	if (changed && !mn->dead)
		mod_delayed_work(system_wq, &mn->work, 0);
	spin_unlock(&mn->lock);
out:
	kfree(ra);
}

unsigned int hmip_mn_ra_in(void *priv, struct sk_buff *skb,
			   const struct nf_hook_state *state)
{
	struct hmip_net *hn = priv;
	struct icmp6hdr _icmph;
	const struct icmp6hdr *icmph;
	struct hmip_nd_msg msg;
	struct hmip_mn *mn;
	bool consumed;

	if (!state->in)
		return NF_ACCEPT;
	/* A Mobile Prefix Advertisement, through a type 2 routing header
	 * (mpd.c).
	 */
	if (ipv6_hdr(skb)->nexthdr == NEXTHDR_ROUTING) {
		rcu_read_lock();
		consumed = hmip_mn_mpd_rcv(hn, skb);
		rcu_read_unlock();
		if (!consumed)
			return NF_ACCEPT;
		consume_skb(skb);
		return NF_STOLEN;
	}
	icmph = hmip_nd_ra_icmp(skb, &_icmph, &msg);
	if (!icmph)
		return NF_ACCEPT;
	/* A home agent discovery reply, to a care-of address (dhaad.c). */
	if (icmph->icmp6_type == ICMPV6_DHAAD_REPLY) {
		rcu_read_lock();
		consumed = hmip_mn_dhaad_rcv(hn, skb, msg.off, msg.len);
		rcu_read_unlock();
		if (!consumed)
			return NF_ACCEPT;
		consume_skb(skb);
		return NF_STOLEN;
	}
	/* A Proxy Router Advertisement, to a node preparing a fast
	 * handover (fmip.c).
	 */
	if (hmip_fmip_match(icmph, &msg, HMIP_FMIP_SUB_PRRTADV)) {
		rcu_read_lock();
		consumed = hmip_mn_fmip_rcv(hn, skb, &msg, state->in->ifindex);
		rcu_read_unlock();
		if (!consumed)
			return NF_ACCEPT;
		consume_skb(skb);
		return NF_STOLEN;
	}
	if (!hmip_nd_ra_match(icmph, &msg))
		return NF_ACCEPT;

	rcu_read_lock();
	mn = hmip_mn_lookup(hn, state->in->ifindex);
	if (mn)
		hmip_mn_ra_rcv(hn, mn, skb, &msg);
	rcu_read_unlock();
	return NF_ACCEPT;
}
