// SPDX-License-Identifier: GPL-2.0
/*
 * The Home Agents List (RFC 6275 section 10.1): the home agents of a home
 * link, learned from router advertisements with the H flag and their Home
 * Agent Information option (section 7.4), read through nd/ra.c as the
 * access router and the mobile node read theirs. One list per home agent,
 * which serves one home link; its own entry comes from its settings.
 *
 * Entries lapse by themselves: nothing runs a timer, a lapsed entry is
 * skipped by every reader and removed by the next advertisement or read.
 * The list holds at most %HMIP_HA_LIST_MAX others, so memory stays
 * bounded whatever the link sends.
 */

#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/random.h>
#include <asm/unaligned.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <net/ndisc.h>

#include "core/netns.h"
#include "ha/ha.h"
#include "nd/ra.h"

#define HMIP_HA_ND_OPT_HA_INFO		8	/* RFC 6275 section 7.4 */
#define HMIP_HA_ND_OPT_HA_INFO_LEN	8
#define HMIP_HA_PI_FLAG_R		0x20	/* RFC 6275 section 7.2 */
#define HMIP_HA_PI_FLAGS_OFF		3

void hmip_ha_list_init(struct hmip_ha_list *l)
{
	spin_lock_init(&l->lock);
	INIT_LIST_HEAD(&l->entries);
	l->n = 0;
}

static void hmip_ha_list_drop(struct hmip_ha_list *l,
			      struct hmip_ha_list_entry *e)
{
	list_del(&e->list);
	l->n--;
	kfree(e);
}

/* Removes the lapsed entries. Caller holds l->lock. */
static void hmip_ha_list_expire(struct hmip_ha_list *l)
{
	struct hmip_ha_list_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &l->entries, list)
		if (time_after_eq(jiffies, e->expires))
			hmip_ha_list_drop(l, e);
}

/* When the home agent goes: nothing reads the list any more. */
void hmip_ha_list_flush(struct hmip_ha_list *l)
{
	struct hmip_ha_list_entry *e, *tmp;

	spin_lock_bh(&l->lock);
	list_for_each_entry_safe(e, tmp, &l->entries, list)
		hmip_ha_list_drop(l, e);
	spin_unlock_bh(&l->lock);
}

static struct hmip_ha_list_entry *
hmip_ha_list_find(struct hmip_ha_list *l, const struct in6_addr *router)
{
	struct hmip_ha_list_entry *e;

	list_for_each_entry(e, &l->entries, list)
		if (ipv6_addr_equal(&e->router, router))
			return e;
	return NULL;
}

/* What one advertisement says of its sender. */
struct hmip_ha_list_ra {
	bool home_agent;
	s16 pref;
	u32 lifetime;
	bool has_global;
	struct in6_addr global;
};

/* Reads the options of @msg into @ra; false when ndisc drops it. */
static bool hmip_ha_list_parse(const struct sk_buff *skb,
			       const struct hmip_nd_msg *msg,
			       struct hmip_ha_list_ra *ra)
{
	const struct prefix_info *pinfo;
	struct hmip_nd_ra_opts it;
	int err;

	hmip_nd_ra_opts_start(&it, skb, msg);
	while ((err = hmip_nd_ra_opts_next(&it)) > 0) {
		if (it.type == HMIP_HA_ND_OPT_HA_INFO &&
		    it.len == HMIP_HA_ND_OPT_HA_INFO_LEN) {
			/* Section 7.4: preference, then lifetime. */
			ra->pref = (s16)get_unaligned_be16(it.data + 4);
			ra->lifetime = get_unaligned_be16(it.data + 6);
		} else if (it.type == ND_OPT_PREFIX_INFO &&
			   it.len == sizeof(*pinfo) && !ra->has_global) {
			/* Section 7.2: with R, the prefix field holds the
			 * router's whole global address.
			 */
			pinfo = (const struct prefix_info *)it.data;
			if (!(it.data[HMIP_HA_PI_FLAGS_OFF] &
			      HMIP_HA_PI_FLAG_R) ||
			    !(ipv6_addr_type(&pinfo->prefix) &
			      IPV6_ADDR_UNICAST) ||
			    ipv6_addr_type(&pinfo->prefix) &
			    IPV6_ADDR_LINKLOCAL)
				continue;
			ra->global = pinfo->prefix;
			ra->has_global = true;
		}
	}
	return !err;
}

/**
 * hmip_ha_list_rcv - a router advertisement heard on @ha's home link
 * @hn: hmip state of the netns
 * @ha: the home agent
 * @skb: the packet
 * @msg: where the advertisement lies in it
 *
 * Section 10.1: with H the sender's entry is made or refreshed, with the
 * Home Agent Information option's preference and lifetime, else
 * preference 0 and the router lifetime; lifetime 0, or no H, removes it.
 *
 * Context: softirq, RCU read side.
 */
void hmip_ha_list_rcv(struct hmip_net *hn, struct hmip_ha *ha,
		      struct sk_buff *skb, const struct hmip_nd_msg *msg)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct hmip_ha_list *l = &ha->halist;
	struct hmip_ha_list_entry *e;
	struct hmip_ha_list_ra ra = {};
	struct icmp6hdr _icmph;
	const struct icmp6hdr *icmph;
	int err;

	err = hmip_nd_ra_check(skb, msg, true);
	if (err) {
		if (err == -EPERM)
			HMIP_INC_STATS(hn, HA_RA_DROP_POLICY);
		else
			HMIP_INC_STATS(hn, HA_RA_DROP_BAD);
		return;
	}
	icmph = skb_header_pointer(skb, msg->off, sizeof(_icmph), &_icmph);
	if (!icmph) {
		HMIP_INC_STATS(hn, HA_RA_DROP_BAD);
		return;
	}
	ra.home_agent = icmph->icmp6_dataun.u_nd_ra.home_agent;
	ra.lifetime = ntohs(icmph->icmp6_rt_lifetime);
	if (!hmip_ha_list_parse(skb, msg, &ra)) {
		HMIP_INC_STATS(hn, HA_RA_DROP_BAD);
		return;
	}
	HMIP_INC_STATS(hn, HA_RA_RX);
	hmip_ha_mpd_ra(hn, ha, skb, msg);

	spin_lock_bh(&l->lock);
	hmip_ha_list_expire(l);
	e = hmip_ha_list_find(l, &ip6h->saddr);
	if (!ra.home_agent || !ra.lifetime) {
		if (e)
			hmip_ha_list_drop(l, e);
		goto out;
	}
	if (!e) {
		if (l->n >= HMIP_HA_LIST_MAX) {
			HMIP_INC_STATS(hn, HA_LIST_DROP_FULL);
			goto out;
		}
		e = kzalloc(sizeof(*e), GFP_ATOMIC);
		if (!e) {
			HMIP_INC_STATS(hn, HA_LIST_DROP_NOMEM);
			goto out;
		}
		e->router = ip6h->saddr;
		list_add_tail(&e->list, &l->entries);
		l->n++;
	}
	e->pref = ra.pref;
	e->expires = jiffies + ra.lifetime * HZ;
	/* An advertisement without the R prefix keeps the one learned. */
	if (ra.has_global) {
		e->global = ra.global;
		e->has_global = true;
	}
out:
	spin_unlock_bh(&l->lock);
}

/* A home agent in a reply: its address, preference, and a random key
 * that orders those of equal preference (section 10.5.1).
 */
struct hmip_ha_list_pick {
	struct in6_addr addr;
	s16 pref;
	u32 rnd;
};

static int hmip_ha_list_cmp(const void *a, const void *b)
{
	const struct hmip_ha_list_pick *x = a, *y = b;

	if (x->pref != y->pref)
		return x->pref > y->pref ? -1 : 1;
	if (x->rnd != y->rnd)
		return x->rnd < y->rnd ? -1 : 1;
	return 0;
}

/**
 * hmip_ha_list_addrs - the home agents of @ha's home link, for a reply
 * @ha: the home agent
 * @addrs: where their global addresses go
 * @max: room in @addrs
 *
 * Section 10.5.1: in decreasing preference, those of equal preference in
 * random order, this home agent included; entries without a global
 * address are left out. The most preferred come first, so cutting the
 * list at @max keeps them.
 *
 * Context: any; RCU read side.
 * Return: addresses written.
 */
unsigned int hmip_ha_list_addrs(struct hmip_ha *ha, struct in6_addr *addrs,
				unsigned int max)
{
	const struct hmip_anchor_params *p = rcu_dereference(ha->anchor.params);
	struct hmip_ha_list *l = &ha->halist;
	struct hmip_ha_list_pick *picks;
	struct hmip_ha_list_entry *e;
	unsigned int n = 0, i;

	picks = kmalloc_array(HMIP_HA_LIST_MAX + 1, sizeof(*picks), GFP_ATOMIC);
	if (!picks)
		return 0;
	picks[n].addr = ha->anchor.addr;
	picks[n].pref = p->pref;
	picks[n++].rnd = get_random_u32();
	spin_lock_bh(&l->lock);
	list_for_each_entry(e, &l->entries, list) {
		if (!e->has_global || time_after_eq(jiffies, e->expires) ||
		    ipv6_addr_equal(&e->global, &ha->anchor.addr))
			continue;
		picks[n].addr = e->global;
		picks[n].pref = e->pref;
		picks[n++].rnd = get_random_u32();
	}
	spin_unlock_bh(&l->lock);
	sort(picks, n, sizeof(*picks), hmip_ha_list_cmp, NULL);
	n = min(n, max);
	for (i = 0; i < n; i++)
		addrs[i] = picks[i].addr;
	kfree(picks);
	return n;
}

static int hmip_ha_list_fill_own(struct sk_buff *msg, struct hmip_ha *ha)
{
	const struct hmip_anchor_params *p =
		rcu_dereference_check(ha->anchor.params, true);
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_HAL_ENTRY);
	if (!nest ||
	    nla_put_in6_addr(msg, HMIP_A_HAL_ADDR, &ha->anchor.addr) ||
	    nla_put_u16(msg, HMIP_A_HAL_PREF, p->pref) ||
	    nla_put_flag(msg, HMIP_A_HAL_OWN))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Caller holds l->lock. */
static int hmip_ha_list_fill_entry(struct sk_buff *msg,
				   const struct hmip_ha_list_entry *e)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_HAL_ENTRY);
	if (!nest ||
	    nla_put_in6_addr(msg, HMIP_A_HAL_ROUTER, &e->router) ||
	    (e->has_global &&
	     nla_put_in6_addr(msg, HMIP_A_HAL_ADDR, &e->global)) ||
	    nla_put_u16(msg, HMIP_A_HAL_PREF, (u16)e->pref) ||
	    nla_put_u32(msg, HMIP_A_HAL_LIFETIME,
			jiffies_delta_to_msecs(e->expires - jiffies) / 1000))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/**
 * hmip_ha_list_fill - %HMIP_A_HA_LIST of @ha, its own entry first
 * @msg: the netlink message
 * @ha: the home agent
 *
 * Context: process; the caller holds &hmip_ha_net.lock.
 * Return: 0 or -EMSGSIZE (the caller cancels its own nest).
 */
int hmip_ha_list_fill(struct sk_buff *msg, struct hmip_ha *ha)
{
	struct hmip_ha_list *l = &ha->halist;
	struct hmip_ha_list_entry *e;
	struct nlattr *nest;
	int err = 0;

	nest = nla_nest_start(msg, HMIP_A_HA_LIST);
	if (!nest || hmip_ha_list_fill_own(msg, ha))
		return -EMSGSIZE;
	spin_lock_bh(&l->lock);
	hmip_ha_list_expire(l);
	list_for_each_entry(e, &l->entries, list) {
		err = hmip_ha_list_fill_entry(msg, e);
		if (err)
			break;
	}
	spin_unlock_bh(&l->lock);
	if (err)
		return err;
	nla_nest_end(msg, nest);
	return 0;
}
