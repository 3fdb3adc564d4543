// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile Prefix Discovery at the home agent (RFC 6275 sections 6.7, 6.8,
 * 10.6 and 11.4.2): a mobile node away from home sends a Mobile Prefix
 * Solicitation (ICMPv6 146) from its care-of address to its home agent,
 * its home address in a Home Address option; the home agent answers with
 * a Mobile Prefix Advertisement (147) that lists its home prefixes as
 * Prefix Information options, sent to the care-of address with the home
 * address in a type 2 routing header.
 *
 * The home agent's LOCAL_IN hook (dhaad.c) hands solicitations over. It
 * sees one twice when ESP protects it: first as the wire had it
 * (Destination Options, then ESP), which is left to the kernel to swap
 * the Home Address option in and decrypt, then once more when xfrm
 * re-injects the plaintext, the swap done and the secpath set. An
 * unprotected one is taken on its first pass; ICMPv6 would only count an
 * unknown type.
 *
 * Section 10.6.2: when the home prefixes change (a home prefix added or
 * removed by "hmip ha change", or the home link's routers advertise
 * other lifetimes or flags for one, section 10.6.1), every mobile node
 * with a home registration gets an unsolicited advertisement, at once
 * rather than after MinMobPfxAdvInterval (its addresses depend on it;
 * one advertisement a node, from a worker), retransmitted after
 * PREFIX_ADV_TIMEOUT, doubling, PREFIX_ADV_RETRIES times, until the node
 * acknowledges it with a solicitation (section 11.4.3 has it answer an
 * unsolicited advertisement so) or its binding goes. The first
 * advertisement heard of a prefix only sets what later ones are compared
 * with. The periodic advertisement every MaxMobPfxAdvInterval is not
 * sent: a node asks when its registration says to.
 */

#include <linux/icmpv6.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <asm/unaligned.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "core/ratelimit.h"
#include "ha/ha.h"
#include "mh/xfrm.h"
#include "nd/ra.h"
#include "nd/send.h"

/* Type, Code, Checksum, Identifier, and Reserved or M, O, Reserved. */
#define HMIP_HA_MPD_HDR_LEN	8

/* RFC 4861 section 4.6.2, the Prefix Information option. */
struct hmip_ha_pio {
	u8 type;
	u8 length;
	u8 prefix_len;
	u8 flags;
	__be32 valid;
	__be32 preferred;
	__be32 reserved;
	struct in6_addr prefix;
};

static_assert(sizeof(struct hmip_ha_pio) == 32);

#define HMIP_HA_PIO_L		0x80
#define HMIP_HA_PIO_A		0x40
/* Where a Prefix Information option has its flags and lifetimes. */
#define HMIP_HA_PIO_FLAGS_OFF		offsetof(struct hmip_ha_pio, flags)
#define HMIP_HA_PIO_VALID_OFF		offsetof(struct hmip_ha_pio, valid)
#define HMIP_HA_PIO_PREFERRED_OFF	offsetof(struct hmip_ha_pio, preferred)

/**
 * struct hmip_ha_mpa_pending - a mobile node owed an unsolicited
 *	advertisement (&hmip_ha_mpd.pending)
 * @list: in &hmip_ha_mpd.pending
 * @hoa: its home address
 * @sent: advertisements sent so far
 * @due: jiffies when the next is
 */
struct hmip_ha_mpa_pending {
	struct list_head list;
	struct in6_addr hoa;
	u8 sent;
	unsigned long due;
};

/* Every home prefix fits the minimum IPv6 MTU: 8 + 16 * 32 octets. */
#define HMIP_HA_MPA_MAX_LEN \
	(HMIP_HA_MPD_HDR_LEN + \
	 HMIP_ANCHOR_MAX_PREFIXES * sizeof(struct hmip_ha_pio))

/**
 * struct hmip_ha_mps - a Mobile Prefix Solicitation, located
 * @hoa: the mobile node's home address
 * @coa: its care-of address, where the answer goes
 * @off: offset of the ICMPv6 message from skb->data
 * @len: its octets
 */
struct hmip_ha_mps {
	struct in6_addr hoa;
	struct in6_addr coa;
	unsigned int off;
	unsigned int len;
};

/* Finds a solicitation's parts: a Destination Options header with a Home
 * Address option right after the IPv6 header, then ICMPv6 type 146.
 * Return: 0; -ENOENT for a packet that is no solicitation (one ESP still
 * hides, too); -EINVAL for one too broken to be answered.
 */
static int hmip_ha_mpd_parse(struct sk_buff *skb, struct hmip_ha_mps *m)
{
	unsigned int nhoff = skb_network_offset(skb);
	const struct ipv6_destopt_hao *hao;
	const struct ipv6_opt_hdr *hdr;
	const struct ipv6hdr *ip6h;
	struct ipv6_opt_hdr _hdr;
	unsigned int optlen, end;
	u8 _type, *type;
	int hao_off;

	if (ipv6_hdr(skb)->nexthdr != NEXTHDR_DEST)
		return -ENOENT;
	hdr = skb_header_pointer(skb, nhoff + sizeof(*ip6h), sizeof(_hdr),
				 &_hdr);
	if (!hdr || hdr->nexthdr != IPPROTO_ICMPV6)
		return -ENOENT;
	optlen = ipv6_optlen(hdr);
	m->off = nhoff + sizeof(*ip6h) + optlen;
	type = skb_header_pointer(skb, m->off, sizeof(_type), &_type);
	if (!type || *type != ICMPV6_MOBILE_PREFIX_SOL)
		return -ENOENT;

	/* ipv6_find_tlv() reads the header in place. */
	if (!pskb_may_pull(skb, m->off))
		return -EINVAL;
	ip6h = ipv6_hdr(skb);
	end = nhoff + sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (end > skb->len || end < m->off + HMIP_HA_MPD_HDR_LEN)
		return -EINVAL;
	m->len = end - m->off;
	hao_off = ipv6_find_tlv(skb, sizeof(*ip6h), IPV6_TLV_HAO);
	if (hao_off < 0)
		return -EINVAL;
	hao = (const struct ipv6_destopt_hao *)(skb_network_header(skb) +
						hao_off);
	if (hao->length != sizeof(hao->addr))
		return -EINVAL;
	/* The kernel swaps the option's address in before it decrypts:
	 * on the second pass of a protected one the source is the home
	 * address already.
	 */
	if (IP6CB(skb)->dsthao) {
		m->hoa = ip6h->saddr;
		m->coa = hao->addr;
	} else {
		m->coa = ip6h->saddr;
		m->hoa = hao->addr;
	}
	return 0;
}

/* RFC 6275 section 9.3.1: a Home Address option is believed when IPsec
 * protected the packet, or when a binding ties that home address to the
 * care-of address it came from.
 */
static bool hmip_ha_mpd_bound(struct hmip_ha *ha, const struct hmip_ha_mps *m)
{
	struct hmip_binding *b;

	b = hmip_anchor_bcache_lookup(&ha->anchor.an->bcache, &m->hoa);
	return b && b->owner == &ha->anchor &&
	       READ_ONCE(b->state) == HMIP_BINDING_VALID &&
	       ipv6_addr_equal(&b->lcoa, &m->coa);
}

/* What the home link's routers advertise of the home prefix at @addr/@len,
 * counted down to now, into *@valid and *@preferred where shorter.
 * Caller holds ha->mpd.lock.
 */
static void hmip_ha_mpd_heard_lifetimes(struct hmip_ha *ha,
					const struct in6_addr *addr, u8 len,
					u32 *valid, u32 *preferred)
{
	const struct hmip_ha_heard *h;
	unsigned long age;
	unsigned int i;

	for (i = 0; i < ha->mpd.n_heard; i++) {
		h = &ha->mpd.heard[i];
		if (h->len != len || !ipv6_prefix_equal(&h->prefix, addr, len))
			continue;
		age = (jiffies - h->when) / HZ;
		/* All ones is infinite (RFC 4861 section 4.6.2). */
		if (h->valid != U32_MAX)
			*valid = min_t(u32, *valid,
				       h->valid > age ? h->valid - age : 0);
		if (h->preferred != U32_MAX)
			*preferred = min_t(u32, *preferred,
					   h->preferred > age ?
					   h->preferred - age : 0);
	}
}

/* Section 10.6.3: from the home agent's address the registration used,
 * to the solicitation's source, the home address in a type 2 routing
 * header; every home prefix, with what the home link says of it.
 */
static int hmip_ha_mpd_advertise(struct hmip_net *hn, struct hmip_ha *ha,
				 const struct in6_addr *hoa,
				 const struct in6_addr *coa, __be16 id)
{
	const struct hmip_anchor_params *p = rcu_dereference(ha->anchor.params);
	struct hmip_ha_pio *pio;
	struct icmp6hdr *mpa;
	u32 valid, preferred;
	struct flowi6 fl6;
	unsigned int i;
	int err;

	mpa = kzalloc(HMIP_HA_MPA_MAX_LEN, GFP_ATOMIC);
	if (!mpa) {
		HMIP_INC_STATS(hn, HA_MPA_DROP_NOMEM);
		return -ENOMEM;
	}
	mpa->icmp6_type = ICMPV6_MOBILE_PREFIX_ADV;
	mpa->icmp6_identifier = id;
	/* M and O stay clear: this node learns no advertisement's flags. */
	pio = (struct hmip_ha_pio *)(mpa + 1);
	spin_lock_bh(&ha->mpd.lock);
	for (i = 0; i < p->n_home; i++, pio++) {
		hmip_ha_prefix_lifetimes(ha, &p->home[i].addr, &valid,
					 &preferred);
		hmip_ha_mpd_heard_lifetimes(ha, &p->home[i].addr,
					    p->home[i].len, &valid, &preferred);
		pio->type = ND_OPT_PREFIX_INFO;
		pio->length = sizeof(*pio) / 8;
		pio->prefix_len = p->home[i].len;
		pio->flags = HMIP_HA_PIO_L | HMIP_HA_PIO_A;
		pio->valid = htonl(valid);
		pio->preferred = htonl(min(preferred, valid));
		ipv6_addr_prefix(&pio->prefix, &p->home[i].addr,
				 p->home[i].len);
	}
	spin_unlock_bh(&ha->mpd.lock);

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.saddr = ha->anchor.addr;
	fl6.daddr = *hoa;
	fl6.fl6_icmp_type = ICMPV6_MOBILE_PREFIX_ADV;
	err = hmip_nd_send_icmp_rh2(hn, &fl6, coa, mpa,
				    HMIP_HA_MPD_HDR_LEN +
				    p->n_home * sizeof(*pio));
	if (err == -ENOMEM)
		HMIP_INC_STATS(hn, HA_MPA_DROP_NOMEM);
	else if (err)
		HMIP_INC_STATS(hn, HA_MPA_DROP_NO_ROUTE);
	kfree(mpa);
	return err;
}

/* Section 10.6.2: a solicitation from @hoa acknowledges the unsolicited
 * advertisement it was owed.
 */
static void hmip_ha_mpd_ack(struct hmip_net *hn, struct hmip_ha *ha,
			    const struct in6_addr *hoa)
{
	struct hmip_ha_mpa_pending *e, *tmp;

	spin_lock_bh(&ha->mpd.lock);
	list_for_each_entry_safe(e, tmp, &ha->mpd.pending, list) {
		if (!ipv6_addr_equal(&e->hoa, hoa))
			continue;
		list_del(&e->list);
		ha->mpd.n_pending--;
		kfree(e);
		HMIP_INC_STATS(hn, HA_MPA_ACKED);
		break;
	}
	spin_unlock_bh(&ha->mpd.lock);
}

/**
 * hmip_ha_mpd_rcv - a Mobile Prefix Solicitation, at LOCAL_IN
 * @hn: hmip state of the netns
 * @skb: a packet for this node with a Destination Options header first
 *
 * Context: softirq, RCU held (a netfilter hook).
 * Return: true when it was a solicitation to one of this netns's home
 * agents and is consumed; false to let the kernel have the packet.
 */
bool hmip_ha_mpd_rcv(struct hmip_net *hn, struct sk_buff *skb)
{
	const struct hmip_anchor_params *p;
	const struct icmp6hdr *icmph;
	struct icmp6hdr _icmph;
	struct hmip_ha_mps m;
	struct hmip_sa_id sa;
	struct hmip_ha *ha;
	bool protected;
	int err;

	ha = hmip_ha_lookup(hn, &ipv6_hdr(skb)->daddr);
	if (!ha)
		return false;
	err = hmip_ha_mpd_parse(skb, &m);
	if (err == -ENOENT)
		return false;
	HMIP_INC_STATS(hn, HA_MPS_REQUEST);
	icmph = err ? NULL : skb_header_pointer(skb, m.off, sizeof(_icmph),
						&_icmph);
	/* Sections 6.7 and 9.3.1: the fixed part, code 0, a checksum over
	 * the home address as source, a home address that could be one.
	 */
	if (!icmph || icmph->icmp6_code ||
	    csum_ipv6_magic(&m.hoa, &ipv6_hdr(skb)->daddr, m.len,
			    IPPROTO_ICMPV6, skb_checksum(skb, m.off, m.len, 0)) ||
	    ipv6_addr_type(&m.hoa) & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
				      IPV6_ADDR_LINKLOCAL) ||
	    ipv6_addr_any(&m.hoa) || ipv6_addr_any(&m.coa) ||
	    ipv6_addr_is_multicast(&m.coa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_MALFORMED);
		return true;
	}
	p = rcu_dereference(ha->anchor.params);
	if (!hmip_anchor_prefix_match(p->home, p->n_home, &m.hoa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NOT_HOME);
		return true;
	}
	/* Only the re-injected plaintext has a secpath; the selector sees
	 * the home address as source then.
	 */
	protected = IP6CB(skb)->dsthao &&
		    hmip_mh_xfrm_protected_msg(skb, IPPROTO_ICMPV6,
					       ICMPV6_MOBILE_PREFIX_SOL, &sa);
	if (!protected && p->require_ipsec) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NO_IPSEC);
		return true;
	}
	if (!protected && !hmip_ha_mpd_bound(ha, &m)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_NO_BINDING);
		return true;
	}
	hmip_ha_mpd_ack(hn, ha, &m.hoa);
	if (!hmip_ratelimit_allow(&hn->err_rl, &m.coa)) {
		HMIP_INC_STATS(hn, HA_MPS_DROP_RATELIMIT);
		return true;
	}
	if (!hmip_ha_mpd_advertise(hn, ha, &m.hoa, &m.coa,
				   icmph->icmp6_identifier))
		HMIP_INC_STATS(hn, HA_MPA_REPLY);
	return true;
}

/* ------------------------------- unsolicited advertisements, 10.6.2 */

/* Owes @hoa an advertisement from now, its retransmissions from the
 * start. Caller holds ha->mpd.lock.
 */
static void hmip_ha_mpd_owe(struct hmip_net *hn, struct hmip_ha *ha,
			    const struct in6_addr *hoa, unsigned long now)
{
	struct hmip_ha_mpa_pending *e;

	list_for_each_entry(e, &ha->mpd.pending, list) {
		if (ipv6_addr_equal(&e->hoa, hoa)) {
			/* Section 10.6.2: one advertisement with what
			 * holds now replaces the one scheduled.
			 */
			e->sent = 0;
			e->due = now;
			return;
		}
	}
	if (ha->mpd.n_pending >= HMIP_HA_MPA_PENDING_MAX) {
		HMIP_INC_STATS(hn, HA_MPA_DROP_FULL);
		return;
	}
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e) {
		HMIP_INC_STATS(hn, HA_MPA_DROP_NOMEM);
		return;
	}
	e->hoa = *hoa;
	e->due = now;
	list_add_tail(&e->list, &ha->mpd.pending);
	ha->mpd.n_pending++;
}

struct hmip_ha_mpd_owe_arg {
	struct hmip_net *hn;
	struct hmip_ha *ha;
	unsigned long now;
};

static void hmip_ha_mpd_owe_one(struct hmip_binding *b, void *arg)
{
	struct hmip_ha_mpd_owe_arg *o = arg;

	if (READ_ONCE(b->state) != HMIP_BINDING_VALID)
		return;
	spin_lock_bh(&o->ha->mpd.lock);
	hmip_ha_mpd_owe(o->hn, o->ha, &b->rcoa, o->now);
	spin_unlock_bh(&o->ha->mpd.lock);
}

/* Every home registration of @ha is owed an advertisement. */
static void hmip_ha_mpd_owe_all(struct hmip_net *hn, struct hmip_ha *ha,
				unsigned long now)
{
	struct hmip_ha_mpd_owe_arg o = { .hn = hn, .ha = ha, .now = now };

	hmip_anchor_bcache_for_each(&ha->anchor.an->bcache, &ha->anchor,
				    hmip_ha_mpd_owe_one, &o);
}

/* Sends what is due, retransmissions included; returns when to run next
 * (0: nothing pending). Context: RCU read side.
 */
static unsigned long hmip_ha_mpd_send_due(struct hmip_net *hn,
					  struct hmip_ha *ha,
					  unsigned long now)
{
	struct hmip_ha_mpa_pending *e, *tmp;
	struct hmip_binding *b;
	unsigned long next = 0;
	struct in6_addr coa;
	LIST_HEAD(due);

	/* Sent outside the lock: the advertisement reads what was heard. */
	spin_lock_bh(&ha->mpd.lock);
	list_for_each_entry_safe(e, tmp, &ha->mpd.pending, list)
		if (time_after_eq(now, e->due))
			list_move_tail(&e->list, &due);
	spin_unlock_bh(&ha->mpd.lock);

	list_for_each_entry_safe(e, tmp, &due, list) {
		b = hmip_anchor_bcache_lookup(&ha->anchor.an->bcache, &e->hoa);
		if (!b || b->owner != &ha->anchor ||
		    READ_ONCE(b->state) != HMIP_BINDING_VALID) {
			/* Section 10.6.2: no retransmission once the
			 * binding has gone.
			 */
			HMIP_INC_STATS(hn, HA_MPA_CANCELLED);
			goto drop;
		}
		if (e->sent > HMIP_HA_PREFIX_ADV_RETRIES) {
			HMIP_INC_STATS(hn, HA_MPA_TIMEOUT);
			goto drop;
		}
		hmip_anchor_bcache_binding_lcoa(b, &coa);
		local_bh_disable();
		if (!hmip_ha_mpd_advertise(hn, ha, &e->hoa, &coa,
					   htons(get_random_u16()))) {
			if (e->sent)
				HMIP_INC_STATS(hn, HA_MPA_RETRANSMIT);
			else
				HMIP_INC_STATS(hn, HA_MPA_UNSOLICITED);
		}
		if (!e->sent)
			hmip_anchor_nl_binding_event(hn, b,
						     HMIP_EVENT_HA_PREFIX_ADV);
		local_bh_enable();
		e->due = now + (HMIP_HA_PREFIX_ADV_TIMEOUT * HZ << e->sent);
		e->sent++;
		continue;
drop:
		list_del(&e->list);
		kfree(e);
		spin_lock_bh(&ha->mpd.lock);
		ha->mpd.n_pending--;
		spin_unlock_bh(&ha->mpd.lock);
	}

	spin_lock_bh(&ha->mpd.lock);
	list_splice_tail(&due, &ha->mpd.pending);
	list_for_each_entry(e, &ha->mpd.pending, list)
		if (!next || time_before(e->due, next))
			next = e->due;
	spin_unlock_bh(&ha->mpd.lock);
	return next;
}

static void hmip_ha_mpd_work(struct work_struct *work)
{
	struct hmip_ha *ha = container_of(to_delayed_work(work),
					  struct hmip_ha, mpd.work);
	struct hmip_net *hn = ha->anchor.an->hn;
	unsigned long now = jiffies, next;
	bool changed;

	spin_lock_bh(&ha->mpd.lock);
	changed = ha->mpd.changed;
	ha->mpd.changed = false;
	spin_unlock_bh(&ha->mpd.lock);
	if (changed)
		hmip_ha_mpd_owe_all(hn, ha, now);

	rcu_read_lock();
	next = hmip_ha_mpd_send_due(hn, ha, now);
	rcu_read_unlock();

	spin_lock_bh(&ha->mpd.lock);
	if (next && !ha->mpd.dead && !ha->mpd.changed)
		mod_delayed_work(system_wq, &ha->mpd.work,
				 time_after(next, now) ? next - now : 0);
	spin_unlock_bh(&ha->mpd.lock);
}

void hmip_ha_mpd_init(struct hmip_ha *ha)
{
	spin_lock_init(&ha->mpd.lock);
	INIT_LIST_HEAD(&ha->mpd.pending);
	INIT_DELAYED_WORK(&ha->mpd.work, hmip_ha_mpd_work);
}

/**
 * hmip_ha_mpd_stop - the home agent goes: no more advertisements
 * @ha: the home agent, off the netns's list and its hooks
 *
 * Context: process.
 */
void hmip_ha_mpd_stop(struct hmip_ha *ha)
{
	struct hmip_ha_mpa_pending *e, *tmp;

	spin_lock_bh(&ha->mpd.lock);
	ha->mpd.dead = true;
	spin_unlock_bh(&ha->mpd.lock);
	cancel_delayed_work_sync(&ha->mpd.work);
	/* Under the lock: a solicitation may still look for its entry. */
	spin_lock_bh(&ha->mpd.lock);
	list_for_each_entry_safe(e, tmp, &ha->mpd.pending, list) {
		list_del(&e->list);
		kfree(e);
	}
	ha->mpd.n_pending = 0;
	spin_unlock_bh(&ha->mpd.lock);
}

/* Another home link: what the old one's routers said is not its. */
void hmip_ha_mpd_forget(struct hmip_ha *ha)
{
	spin_lock_bh(&ha->mpd.lock);
	ha->mpd.n_heard = 0;
	spin_unlock_bh(&ha->mpd.lock);
}

/* Caller holds ha->mpd.lock. */
static void hmip_ha_mpd_changed_locked(struct hmip_net *hn,
				       struct hmip_ha *ha)
{
	if (ha->mpd.dead)
		return;
	HMIP_INC_STATS(hn, HA_PREFIX_CHANGED);
	ha->mpd.changed = true;
	mod_delayed_work(system_wq, &ha->mpd.work, 0);
}

/**
 * hmip_ha_mpd_changed - the home prefixes changed: tell the mobile nodes
 * @hn: hmip state of the netns
 * @ha: the home agent
 *
 * Context: any.
 */
void hmip_ha_mpd_changed(struct hmip_net *hn, struct hmip_ha *ha)
{
	spin_lock_bh(&ha->mpd.lock);
	hmip_ha_mpd_changed_locked(hn, ha);
	spin_unlock_bh(&ha->mpd.lock);
}

/**
 * hmip_ha_mpd_ra - a router advertisement heard on @ha's home link
 * @hn: hmip state of the netns
 * @ha: the home agent
 * @skb: the packet, checked by the caller
 * @msg: where the advertisement lies in it
 *
 * Section 10.6.1: what the link's routers advertise of a home prefix is
 * kept; other lifetimes or flags than last heard are a change (section
 * 10.6.2). The first heard of a prefix sets what later ones are
 * compared with.
 *
 * Context: softirq, RCU read side.
 */
void hmip_ha_mpd_ra(struct hmip_net *hn, struct hmip_ha *ha,
		    struct sk_buff *skb, const struct hmip_nd_msg *msg)
{
	const struct hmip_anchor_params *p = rcu_dereference(ha->anchor.params);
	const struct prefix_info *pinfo;
	struct hmip_nd_ra_opts it;
	struct hmip_ha_heard *h;
	u32 valid, preferred;
	bool changed = false;
	unsigned int i;
	u8 flags;

	spin_lock_bh(&ha->mpd.lock);
	hmip_nd_ra_opts_start(&it, skb, msg);
	while (hmip_nd_ra_opts_next(&it) > 0) {
		if (it.type != ND_OPT_PREFIX_INFO || it.len != sizeof(*pinfo))
			continue;
		pinfo = (const struct prefix_info *)it.data;
		for (i = 0; i < p->n_home; i++)
			if (p->home[i].len == pinfo->prefix_len &&
			    ipv6_prefix_equal(&p->home[i].addr, &pinfo->prefix,
					      pinfo->prefix_len))
				break;
		if (i == p->n_home)
			continue;
		flags = it.data[HMIP_HA_PIO_FLAGS_OFF] &
			(HMIP_HA_PIO_L | HMIP_HA_PIO_A);
		valid = get_unaligned_be32(it.data + HMIP_HA_PIO_VALID_OFF);
		preferred = get_unaligned_be32(it.data +
					       HMIP_HA_PIO_PREFERRED_OFF);
		for (i = 0, h = ha->mpd.heard; i < ha->mpd.n_heard; i++, h++)
			if (h->len == pinfo->prefix_len &&
			    ipv6_prefix_equal(&h->prefix, &pinfo->prefix,
					      h->len))
				break;
		if (i == ha->mpd.n_heard) {
			if (i == ARRAY_SIZE(ha->mpd.heard))
				continue;
			ha->mpd.n_heard++;
			ipv6_addr_prefix(&h->prefix, &pinfo->prefix,
					 pinfo->prefix_len);
			h->len = pinfo->prefix_len;
		} else if (h->flags != flags || h->valid != valid ||
			   h->preferred != preferred) {
			changed = true;
		}
		h->flags = flags;
		h->valid = valid;
		h->preferred = preferred;
		h->when = jiffies;
	}
	if (changed)
		hmip_ha_mpd_changed_locked(hn, ha);
	spin_unlock_bh(&ha->mpd.lock);
}
