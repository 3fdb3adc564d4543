// SPDX-License-Identifier: GPL-2.0
/*
 * A mobile node's registrations (RFC 4140 sections 6.1, 7.2, 8, 9.1):
 * which MAP, which LCoA, the local Binding Updates and their
 * acknowledgments.
 *
 * One worker per interface does everything that decides: it runs when a
 * router advertisement changed what the node knows, when an address came
 * or went, when a Binding Acknowledgment arrived, and when a timer is
 * due. The receive paths only record what they saw (ra.c and
 * hmip_mn_reg_rcv_ba() below) and wake it; the data path reads what it
 * publishes (&struct hmip_mn_path, RCU).
 */
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <asm/unaligned.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "mh/mh.h"
#include "mh/xfrm.h"
#include "mn/mn.h"
#include "tunnel/tunnel.h"
#include "mn/nl.h"
#include "core/netns.h"
#include "core/trace.h"

/* The LCoA goes in an Alternate Care-of Address option too: ESP does not
 * cover the IPv6 source, so only the option tells the MAP, authenticated,
 * where the node is (RFC 6275 section 11.7.1, RFC 4877 section 4.1). A
 * Fast Binding Update has the same layout (RFC 5568 6.3.1), the NCoA in
 * the option, and may add a Link-Layer Address option after it.
 */
struct hmip_mn_bu {
	struct hmip_mh_bu bu;
	u8 padn[2];		/* PadN, no data: the option at 8n+6 */
	u8 altcoa_type;
	u8 altcoa_len;
	struct in6_addr altcoa;
} __packed;

/* The Mobility Header Link-Layer Address option (RFC 5568 6.4.4): type,
 * length, Option-Code, the address; then padding to 8 octets.
 */
#define HMIP_MN_LLA_OPT_MAX	(3 + MAX_ADDR_LEN + 7)

/* ------------------------------------------------ Binding Acknowledgment */

/* Context: RCU. The node with a registration {@map, @rcoa}, or NULL. */
static struct hmip_mn *hmip_mn_reg_find(struct hmip_net *hn,
					const struct in6_addr *map,
					const struct in6_addr *rcoa)
{
	const struct hmip_mn_path *path;
	struct hmip_mn *mn;
	int i;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list)
		for (i = 0; i < HMIP_MN_REGS; i++) {
			path = rcu_dereference(mn->reg[i].path);
			if (path && ipv6_addr_equal(&path->map, map) &&
			    ipv6_addr_equal(&path->rcoa, rcoa))
				return mn;
		}
	return NULL;
}

/**
 * hmip_mn_reg_ack_owner - the node an acknowledgment from a MAP is for
 * @hn: hmip state of the netns
 * @skb: the message, validated by mh/rcv.c
 * @drops: the counters of its drops: no type 2 routing header, no
 *	registration, not protected
 * @home: with it, a home registration's (home.c) is looked for too, and
 *	*@home says whether it was one
 *
 * RFC 4140 section 6.1: one without a type 2 routing header holding the
 * RCoA is silently ignored. The kernel has processed that header before
 * the handler runs (it needs the route optimization state the worker
 * installs for each RCoA, and the RCoA as a home address): the
 * destination is then the RCoA and IP6CB(skb)->srcrt points at the header.
 * The source is the MAP of a registration; IPsec protected the message
 * when the node requires it.
 *
 * Context: RCU read side.
 * Return: the node, or NULL after counting the drop.
 */
struct hmip_mn *hmip_mn_reg_ack_owner(struct hmip_net *hn,
				      struct sk_buff *skb,
				      const struct hmip_mn_ack_drops *drops,
				      bool *home)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct ipv6_rt_hdr *rth;
	struct hmip_sa_id sa;
	struct hmip_mn *mn;
	u16 srcrt;

	srcrt = IP6CB(skb)->srcrt;
	rth = srcrt ? (const void *)(skb_network_header(skb) + srcrt) : NULL;
	if (!rth || rth->type != IPV6_SRCRT_TYPE_2) {
		HMIP_INC_STATS_IDX(hn, drops->no_rh2);
		return NULL;
	}
	mn = hmip_mn_reg_find(hn, &ip6h->saddr, &ip6h->daddr);
	if (!mn && home) {
		/* The home agent's, to the home address (home.c). */
		mn = hmip_mn_home_find(hn, &ip6h->saddr, &ip6h->daddr);
		*home = true;
	}
	if (!mn) {
		HMIP_INC_STATS_IDX(hn, drops->unknown);
		return NULL;
	}
	if (READ_ONCE(mn->require_ipsec) && !hmip_mh_xfrm_protected(skb, &sa)) {
		HMIP_INC_STATS_IDX(hn, drops->unprotected);
		return NULL;
	}
	return mn;
}

static const struct hmip_mn_ack_drops hmip_mn_ba_drops = {
	.no_rh2 = HMIP_MIB_MN_BA_DROP_NO_RH2,
	.unknown = HMIP_MIB_MN_BA_DROP_UNKNOWN,
	.unprotected = HMIP_MIB_MN_BA_DROP_UNPROTECTED,
};

/**
 * hmip_mn_reg_rcv_ba - a Binding Acknowledgment arrived
 * @hn: hmip state of the netns
 * @skb: the message, validated by mh/rcv.c; not consumed
 *
 * Checked by hmip_mn_reg_ack_owner(), its options read, and queued for
 * the worker of its node.
 *
 * Context: softirq.
 */
void hmip_mn_reg_rcv_ba(struct hmip_net *hn, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct hmip_mh_ba *mba = (const void *)skb_transport_header(skb);
	unsigned int len = hmip_mh_len(&mba->hdr);
	struct hmip_mh_opts opts;
	struct hmip_mn_ba ba = {};
	struct hmip_mn *mn;

	rcu_read_lock();
	mn = hmip_mn_reg_ack_owner(hn, skb, &hmip_mn_ba_drops, &ba.home);
	if (!mn)
		goto out;
	/* The fixed part is there: mh/rcv.c checked Header Len. */
	ba.status = mba->status;
	ba.seq = ntohs(mba->seq);
	ba.lifetime = ntohs(mba->lifetime) * 4;
	if (!hmip_mh_rcv_options(IP6_MH_TYPE_BACK, (const u8 *)(mba + 1),
				 len - sizeof(*mba), &opts)) {
		HMIP_INC_STATS(hn, MN_BA_DROP_MALFORMED);
		goto out;
	}
	/* A Binding Refresh Advice gives the refresh interval. */
	if (opts.bra)
		ba.refresh = get_unaligned_be16(opts.bra) * 4;
	ba.map = ip6h->saddr;
	ba.rcoa = ip6h->daddr;

	spin_lock(&mn->lock);
	if (mn->n_ba == HMIP_MN_MAX_PENDING_BA) {
		HMIP_INC_STATS(hn, MN_BA_DROP_BACKLOG);
	} else {
		mn->ba[mn->n_ba++] = ba;
		if (!mn->dead)
			mod_delayed_work(system_wq, &mn->work, 0);
	}
	spin_unlock(&mn->lock);
out:
	rcu_read_unlock();
}

/* ------------------------------------------------------------ addresses */

/* RFC 5380 sections 5 and 6.1: with R set the MAP allocates the RCoA
 * through IKEv2 (RFC 4877 section 9); the node's IKE daemon hands it over
 * ("mn change ... rcoa", mobile-node.rst), and it serves the MAP whose
 * prefix holds it. Until then, and under RFC 4140, the node forms one.
 *
 * The interface identifier of a formed RCoA: the link-local address's, so
 * that the RCoA stays the same wherever the node moves in the domain.
 */
static void hmip_mn_form_rcoa(struct hmip_mn *mn, const struct hmip_mn_opt *o,
			      struct in6_addr *rcoa)
{
	const struct in6_addr *map = &o->info.addr;
	const struct in6_addr *iid = &mn->lcoa;
	struct inet6_ifaddr *ifa;
	struct inet6_dev *idev;
	struct net_device *dev;

	if (mn->rfc == HMIP_RFC_5380 && o->info.rflag &&
	    !ipv6_addr_any(&mn->rcoa_alloc) &&
	    ipv6_prefix_equal(&mn->rcoa_alloc, map, 64)) {
		*rcoa = mn->rcoa_alloc;
		return;
	}
	*rcoa = *map;
	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	idev = dev ? in6_dev_get(dev) : NULL;
	if (dev)
		dev_put(dev);
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifa, &idev->addr_list, if_list)
			if (ifa->scope == IFA_LINK) {
				iid = &ifa->addr;
				break;
			}
		memcpy(&rcoa->s6_addr[8], &iid->s6_addr[8], 8);
		read_unlock_bh(&idev->lock);
		in6_dev_put(idev);
		return;
	}
	memcpy(&rcoa->s6_addr[8], &iid->s6_addr[8], 8);
}

/* The LCoA (section 6.1): a global address the kernel configured on the
 * interface, usable, never an RCoA; one from a prefix of the last router
 * advertisement first (that is the link the node is on now), the current
 * one if it still qualifies. Returns whether an address is still in DAD:
 * the end of DAD sends no address notification, so the worker looks again.
 */
static bool hmip_mn_pick_lcoa(struct hmip_mn *mn,
			      const struct in6_addr *prefixes, unsigned int n,
			      struct in6_addr *lcoa)
{
	bool tentative = false;
	struct inet6_ifaddr *ifa;
	struct inet6_dev *idev;
	struct net_device *dev;
	int score, best = -1;
	unsigned int i;

	*lcoa = in6addr_any;
	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (!dev)
		return false;
	idev = in6_dev_get(dev);
	dev_put(dev);
	if (!idev)
		return false;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifa, &idev->addr_list, if_list) {
		if (ifa->scope != 0 ||
		    ifa->flags & (IFA_F_DADFAILED | IFA_F_DEPRECATED |
				  IFA_F_HOMEADDRESS))
			continue;
		if (ifa->flags & IFA_F_TENTATIVE &&
		    !(ifa->flags & IFA_F_OPTIMISTIC)) {
			tentative = true;
			continue;
		}
		score = ipv6_addr_equal(&ifa->addr, &mn->lcoa);
		for (i = 0; i < n; i++)
			if (ipv6_prefix_equal(&ifa->addr, &prefixes[i], 64))
				score += 2;
		if (score > best) {
			best = score;
			*lcoa = ifa->addr;
		}
	}
	read_unlock_bh(&idev->lock);
	in6_dev_put(idev);
	return tentative;
}

/* The RCoA lives on the tunnel device as a home address (the kernel
 * accepts a type 2 routing header only for one), without DAD (the MAP
 * defends it on its link). Lifetimes only grow (addrconf's rule): a
 * released RCoA is deprecated and expires by itself.
 */
static void hmip_mn_rcoa_update(struct hmip_mn *mn,
				const struct hmip_mn_reg *reg, bool preferred)
{
	struct prefix_info pinfo = { .prefix_len = 128 };
	u32 valid = mn->lifetime + 60;
	struct inet6_dev *idev;

	idev = in6_dev_get(mn->tunnel);
	if (!idev)
		return;
	pinfo.prefix = reg->rcoa;
	addrconf_prefix_rcv_add_addr(mn->hn->net, mn->tunnel, &pinfo, idev,
				     &reg->rcoa, ipv6_addr_type(&reg->rcoa),
				     IFA_F_HOMEADDRESS | IFA_F_NODAD, false,
				     false, valid, preferred ? valid : 0);
	in6_dev_put(idev);
}

/* --------------------------------------------------------- registrations */

static void hmip_mn_path_free_rcu(struct rcu_head *head)
{
	struct hmip_mn_path *path = container_of(head, struct hmip_mn_path,
						 rcu);

	hmip_tunnel_route_free(rcu_dereference_protected(path->route, 1));
	kfree(path);
}

/* What the data path sees of @reg. Without an LCoA (between two links)
 * the path stays, so that what the RCoA sends is still taken and dropped
 * (counted) rather than leaving on the link with the RCoA as source.
 */
static void hmip_mn_publish(struct hmip_mn *mn, struct hmip_mn_reg *reg)
{
	struct hmip_mn_path *old, *path = NULL;

	old = rcu_dereference_protected(reg->path,
					lockdep_is_held(&mn->mutex));
	if (reg->active) {
		if (old && ipv6_addr_equal(&old->map, &reg->map) &&
		    ipv6_addr_equal(&old->rcoa, &reg->rcoa) &&
		    ipv6_addr_equal(&old->lcoa, &mn->lcoa))
			return;
		path = kzalloc(sizeof(*path), GFP_KERNEL);
		if (!path)
			return;		/* the old one serves until next time */
		path->map = reg->map;
		path->rcoa = reg->rcoa;
		path->lcoa = mn->lcoa;
	}
	rcu_assign_pointer(reg->path, path);
	if (old)
		call_rcu(&old->rcu, hmip_mn_path_free_rcu);
}

/* Every field of a registration but @path, which the data path and
 * hmip_mn_reg_find() dereference at any time: that one is written with
 * the RCU accessors only, never by a struct copy or a memset.
 */
#define HMIP_MN_REG_PATH_START	offsetof(struct hmip_mn_reg, path)
#define HMIP_MN_REG_PATH_END	offsetofend(struct hmip_mn_reg, path)

static void hmip_mn_reg_clear(struct hmip_mn_reg *reg)
{
	memset(reg, 0, HMIP_MN_REG_PATH_START);
	memset((u8 *)reg + HMIP_MN_REG_PATH_END, 0,
	       sizeof(*reg) - HMIP_MN_REG_PATH_END);
}

/* @from becomes @to, which was released; @from is left released. The path
 * is published in @to before it leaves @from, so a reader finds it in one
 * or the other.
 */
static void hmip_mn_reg_move(struct hmip_mn *mn, struct hmip_mn_reg *to,
			     struct hmip_mn_reg *from)
{
	struct hmip_mn_path *path;

	path = rcu_dereference_protected(from->path,
					 lockdep_is_held(&mn->mutex));
	memcpy(to, from, HMIP_MN_REG_PATH_START);
	memcpy((u8 *)to + HMIP_MN_REG_PATH_END,
	       (const u8 *)from + HMIP_MN_REG_PATH_END,
	       sizeof(*to) - HMIP_MN_REG_PATH_END);
	rcu_assign_pointer(to->path, path);
	RCU_INIT_POINTER(from->path, NULL);
	hmip_mn_reg_clear(from);
}

/* Lazy release (section 9): nothing is sent; the binding at the MAP
 * expires, the RCoA is deprecated and expires after it.
 */
static void hmip_mn_release(struct hmip_mn *mn, struct hmip_mn_reg *reg)
{
	if (!reg->active)
		return;
	reg->active = false;
	hmip_mn_publish(mn, reg);	/* the path goes: NULL */
	hmip_mh_xfrm_ro_del(reg->ro_state);
	hmip_mn_rcoa_update(mn, reg, false);
	hmip_mn_reg_clear(reg);
}

/* Context: process; caller holds mn->mutex. */
void hmip_mn_reg_release_all(struct hmip_mn *mn)
{
	int i;

	for (i = 0; i < HMIP_MN_REGS; i++)
		hmip_mn_release(mn, &mn->reg[i]);
}

/* The node's own link-layer address in a Link-Layer Address option of
 * code 2 at @p, padded to 8 octets. Return: octets written, 0 for none.
 */
static unsigned int hmip_mn_put_lla(struct hmip_mn *mn, u8 *p)
{
	struct net_device *dev;
	unsigned int len = 0;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(mn->hn->net, mn->ifindex);
	if (dev && dev->addr_len) {
		p[0] = HMIP_MH_OPT_LLA;
		p[1] = 1 + dev->addr_len;
		p[2] = HMIP_MH_LLA_CODE_MN;
		memcpy(p + 3, dev->dev_addr, dev->addr_len);
		len = 3 + dev->addr_len;
	}
	rcu_read_unlock();
	if (len % 8 == 7) {
		p[len++] = HMIP_MH_OPT_PAD1;
	} else if (len % 8) {
		p[len] = HMIP_MH_OPT_PADN;
		p[len + 1] = 8 - len % 8 - 2;
		memset(p + len + 2, 0, p[len + 1]);
		len += 8 - len % 8;
	}
	return len;
}

/**
 * hmip_mn_reg_send - a local Binding Update, or a Fast Binding Update, to
 *	the MAP of a registration
 * @mn: the mobile node
 * @reg: the registration: its MAP, RCoA (the Home Address option) and
 *	sequence number
 * @type: %IP6_MH_TYPE_BU or %HMIP_MH_TYPE_FBU
 * @lifetime: seconds asked for
 * @coa: the source, the LCoA the message leaves from
 * @altcoa: the Alternate Care-of Address option's: the LCoA to bind
 * @lla: add the node's link-layer address (RFC 5568 6.3.1)
 *
 * A and M set (RFC 4140 section 4.1), sent through IPsec as its flow
 * {@coa -> MAP, Mobility Header, @type} selects.
 *
 * Context: process.
 * Return: 0, or a negative errno when nothing was sent.
 */
int hmip_mn_reg_send(struct hmip_mn *mn, const struct hmip_mn_reg *reg,
		     u8 type, u32 lifetime, const struct in6_addr *coa,
		     const struct in6_addr *altcoa, bool lla)
{
	u8 buf[sizeof(struct hmip_mn_bu) + HMIP_MN_LLA_OPT_MAX];
	struct hmip_mn_bu *bu = (struct hmip_mn_bu *)buf;
	unsigned int len = sizeof(*bu);

	memset(buf, 0, sizeof(*bu));
	if (lla)
		len += hmip_mn_put_lla(mn, buf + len);
	bu->bu.hdr.ip6mh_proto = IPPROTO_NONE;
	bu->bu.hdr.ip6mh_hdrlen = len / 8 - 1;
	bu->bu.hdr.ip6mh_type = type;
	bu->bu.seq = htons(reg->seq);
	bu->bu.flags = htons(HMIP_BU_FLAG_A | HMIP_BU_FLAG_M);
	bu->bu.lifetime = htons(min_t(u32, lifetime / 4, 0xffff));
	bu->padn[0] = HMIP_MH_OPT_PADN;
	bu->altcoa_type = HMIP_MH_OPT_ALTCOA;
	bu->altcoa_len = sizeof(bu->altcoa);
	bu->altcoa = *altcoa;
	BUILD_BUG_ON(offsetof(struct hmip_mn_bu, altcoa_type) % 8 != 6 ||
		     sizeof(struct hmip_mn_bu) % 8);
	return hmip_mh_send_hao(mn->hn, coa, &reg->map, &reg->rcoa,
				mn->ifindex, &bu->bu.hdr);
}

static struct hmip_mn_reg *hmip_mn_reg_of(struct hmip_mn *mn,
					  const struct in6_addr *map,
					  const struct in6_addr *rcoa)
{
	int i;

	for (i = 0; i < HMIP_MN_REGS; i++)
		if (mn->reg[i].active &&
		    ipv6_addr_equal(&mn->reg[i].map, map) &&
		    ipv6_addr_equal(&mn->reg[i].rcoa, rcoa))
			return &mn->reg[i];
	return NULL;
}

/* A MAP that refused: not chosen again for a while (section 9.1: "choose
 * another MAP").
 */
static void hmip_mn_refuse(struct hmip_mn *mn, const struct in6_addr *map)
{
	unsigned int i;

	spin_lock_bh(&mn->lock);
	for (i = 0; i < mn->n_opts; i++)
		if (ipv6_addr_equal(&mn->opts[i].info.addr, map))
			mn->opts[i].refused_until = jiffies +
						    HMIP_MN_REFUSED_HOLD;
	spin_unlock_bh(&mn->lock);
}

static void hmip_mn_handle_ba(struct hmip_mn *mn, const struct hmip_mn_ba *ba,
			      unsigned long now)
{
	struct hmip_net *hn = mn->hn;
	struct hmip_mn_reg *reg;
	bool cur;
	u32 refresh;

	trace_hmip_mn_ba_received(hn->net, mn->ifindex, &ba->map, &ba->rcoa,
				  ba->status, ba->seq, ba->lifetime);
	reg = hmip_mn_reg_of(mn, &ba->map, &ba->rcoa);
	if (!reg) {
		/* released since it arrived */
		HMIP_INC_STATS(hn, MN_BA_DROP_UNKNOWN);
		return;
	}
	cur = reg == &mn->reg[HMIP_MN_CUR];

	/* RFC 6275 section 11.7.3: the MAP's last accepted number; the next
	 * Binding Update goes at once, numbered after it.
	 */
	if (ba->status == HMIP_BA_STATUS_SEQ_OUT_OF_WINDOW) {
		HMIP_INC_STATS(hn, MN_BA_RESYNC);
		reg->seq = ba->seq;
		reg->status = ba->status;
		reg->timeout = HMIP_MN_INITIAL_TIMEOUT;
		reg->retries = 0;
		reg->next = now;
		return;
	}
	if (ba->seq != reg->seq || reg->acked) {
		HMIP_INC_STATS(hn, MN_BA_DROP_SEQ);
		return;
	}
	reg->acked = true;
	reg->retries = 0;
	reg->timeout = HMIP_MN_INITIAL_TIMEOUT;
	reg->status = ba->status;

	if (ba->status >= HMIP_BA_STATUS_REJECTED) {
		HMIP_INC_STATS(hn, MN_BA_REJECTED);
		reg->state = HMIP_MN_REG_REJECTED;
		reg->next = 0;
		hmip_mn_refuse(mn, &reg->map);
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_REJECTED);
		if (!cur)
			hmip_mn_release(mn, reg);
		return;
	}

	HMIP_INC_STATS(hn, MN_BA_ACCEPTED);
	if (!ba->lifetime) {
		hmip_mn_release(mn, reg);
		return;
	}
	reg->state = HMIP_MN_REG_REGISTERED;
	reg->lifetime = ba->lifetime;
	/* The lifetime runs from when the Binding Update was sent. */
	reg->expires = reg->sent + ba->lifetime * HZ;
	refresh = ba->refresh && ba->refresh < ba->lifetime ?
		  ba->refresh : ba->lifetime;
	if (cur) {
		/* Refreshed before it expires, with time for retries. */
		reg->next = reg->sent + max_t(unsigned long,
					      refresh * HZ * 3 / 4, HZ);
		hmip_mn_rcoa_update(mn, reg, true);
		if (mn->moved && ipv6_addr_equal(&reg->lcoa, &mn->lcoa)) {
			mn->handover_ms = jiffies_to_msecs(now - mn->moved);
			mn->moved = 0;
		}
	} else {
		/* The previous MAP forwards until the binding lapses. */
		reg->next = 0;
	}
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_REGISTERED);
}

/* RFC 4140 section 5: the R flag says the node forms its RCoA from the
 * option's prefix, and without it the node has no RCoA to register. RFC
 * 5380 forms it that way in any case (section 6), R set asking for the
 * MAP to allocate one through IKEv2 instead (section 5).
 */
static bool hmip_mn_opt_usable(const struct hmip_mn *mn,
			       const struct hmip_mn_opt *o, unsigned long now)
{
	return o->info.valid_lifetime && hmip_mn_ra_opt_remaining(o) &&
	       (o->info.rflag || mn->rfc == HMIP_RFC_5380) &&
	       !(o->refused_until && time_before(now, o->refused_until));
}

/* Whether @a is a better choice than @b under @policy. */
static bool hmip_mn_opt_better(u8 policy, const struct hmip_mn_opt *a,
			       const struct hmip_mn_opt *b)
{
	if (a->info.dist != b->info.dist)
		return policy == HMIP_MN_POLICY_NEAREST ?
		       a->info.dist < b->info.dist :
		       a->info.dist > b->info.dist;
	if (a->info.pref != b->info.pref)
		return a->info.pref > b->info.pref;
	return memcmp(&a->info.addr, &b->info.addr, sizeof(a->info.addr)) < 0;
}

/* Section 9.1, or the configured policy. Preference 0: no new binding,
 * but the current one is kept and refreshed (section 7.2).
 */
static const struct hmip_mn_opt *hmip_mn_select(struct hmip_mn *mn,
						const struct hmip_mn_opt *opts,
						unsigned int n,
						unsigned long now)
{
	const struct hmip_mn_reg *cur = &mn->reg[HMIP_MN_CUR];
	const struct hmip_mn_opt *o, *best = NULL;
	unsigned int i;
	bool is_cur;

	for (i = 0; i < n; i++) {
		o = &opts[i];
		if (!hmip_mn_opt_usable(mn, o, now))
			continue;
		is_cur = cur->active && cur->state == HMIP_MN_REG_REGISTERED &&
			  ipv6_addr_equal(&o->info.addr, &cur->map);
		if (!o->info.pref && !is_cur)
			continue;
		if (mn->policy == HMIP_MN_POLICY_FIXED &&
		    !ipv6_addr_equal(&o->info.addr, &mn->fixed_map))
			continue;
		/* The current MAP stays while it is as good as any. */
		if (!best || hmip_mn_opt_better(mn->policy, o, best) ||
		    (is_cur && !hmip_mn_opt_better(mn->policy, best, o)))
			best = o;
	}
	return best;
}

static const struct hmip_mn_opt *hmip_mn_opt_in(const struct hmip_mn_opt *opts,
						unsigned int n,
						const struct in6_addr *map)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ipv6_addr_equal(&opts[i].info.addr, map))
			return &opts[i];
	return NULL;
}

static void hmip_mn_choose(struct hmip_mn *mn, const struct hmip_mn_opt *opts,
			   unsigned int n, unsigned long now)
{
	struct hmip_mn_reg *cur = &mn->reg[HMIP_MN_CUR];
	struct hmip_mn_reg *prev = &mn->reg[HMIP_MN_PREV];
	const struct hmip_mn_opt *best, *old;
	struct hmip_net *hn = mn->hn;
	struct in6_addr rcoa;
	u16 seq;

	best = hmip_mn_select(mn, opts, n, now);
	if (best && cur->active && ipv6_addr_equal(&best->info.addr, &cur->map)) {
		hmip_mn_form_rcoa(mn, best, &rcoa);
		if (ipv6_addr_equal(&rcoa, &cur->rcoa)) {
			/* The MAP that refused is chosen again: ask again. */
			if (cur->state == HMIP_MN_REG_REJECTED) {
				cur->state = HMIP_MN_REG_REGISTERING;
				cur->acked = false;
				cur->next = now;
			}
			return;
		}
		/* IKEv2 allocated another RCoA, or it went: a registration
		 * of its own with the same MAP; the old binding lapses.
		 */
		hmip_mn_release(mn, cur);
	}
	if (!best && !cur->active)
		return;

	if (cur->active) {
		old = hmip_mn_opt_in(opts, n, &cur->map);
		/* A failed MAP's bindings are lost (section 7.2); any other
		 * forwards to the new LCoA until its binding lapses (section
		 * 8), heard on this link or not.
		 */
		if (!(old && !old->info.valid_lifetime) &&
		    cur->state == HMIP_MN_REG_REGISTERED) {
			hmip_mn_release(mn, prev);
			hmip_mn_reg_move(mn, prev, cur);
			/* Told of moves only: no refresh is due. */
			prev->next = 0;
			hmip_mn_rcoa_update(mn, prev, false);
		} else {
			hmip_mn_release(mn, cur);
		}
	}
	if (!best) {
		/* No handover to time: plain IPv6 from here. */
		mn->moved = 0;
		HMIP_INC_STATS(hn, MN_MAP_LOST);
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_MAP_LOST);
		return;
	}

	seq = get_random_u16();
	if (prev->active && ipv6_addr_equal(&prev->map, &best->info.addr)) {
		/* Back to the previous MAP: its numbers go on. */
		seq = prev->seq;
		hmip_mn_release(mn, prev);
	}
	cur->active = true;
	cur->map = best->info.addr;
	hmip_mn_form_rcoa(mn, best, &cur->rcoa);
	cur->state = HMIP_MN_REG_REGISTERING;
	cur->seq = seq;
	cur->timeout = HMIP_MN_INITIAL_TIMEOUT;
	cur->next = now;
	cur->ro_state = ERR_PTR(-ENOENT);	/* added by hmip_mn_reg_tick() */
	HMIP_INC_STATS(hn, MN_MAP_CHANGES);
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_MAP_CHANGED);
}

/* RFC 6275 section 11.8: at most MAX_UPDATE_RATE Binding Updates a second.
 * Returns 0 when one may go now, else the jiffies it may.
 */
static unsigned long hmip_mn_rate_wait(struct hmip_mn *mn, unsigned long now)
{
	unsigned long oldest = mn->sent[0];

	if (oldest && time_before(now, oldest + HZ))
		return oldest + HZ;
	return 0;
}

static void hmip_mn_rate_note(struct hmip_mn *mn, unsigned long now)
{
	memmove(mn->sent, mn->sent + 1,
		sizeof(mn->sent) - sizeof(mn->sent[0]));
	mn->sent[HMIP_MN_MAX_UPDATE_RATE - 1] = now ?: 1;
}

static void hmip_mn_reg_tick(struct hmip_mn *mn, struct hmip_mn_reg *reg,
			     unsigned long now)
{
	bool cur = reg == &mn->reg[HMIP_MN_CUR];
	struct hmip_net *hn = mn->hn;
	bool moved, retransmit;
	unsigned long wait;
	u32 lifetime;
	int err;

	if (!reg->active)
		return;
	/* Without it the kernel drops every acknowledgment's routing header:
	 * added, and added again when allocation failed or someone flushed
	 * the state table ("ip xfrm state flush").
	 */
	hmip_mh_xfrm_ro_keep(hn->net, IPPROTO_ROUTING, &reg->rcoa,
			     &reg->ro_state);
	if (reg->state == HMIP_MN_REG_REGISTERED &&
	    time_after_eq(now, reg->expires)) {
		if (!cur) {
			hmip_mn_release(mn, reg);
			return;
		}
		/* Not refreshed in time: the binding is gone. */
		reg->state = HMIP_MN_REG_REGISTERING;
		reg->acked = false;
		reg->next = now;
	}
	if (ipv6_addr_any(&mn->lcoa) || reg->state == HMIP_MN_REG_REJECTED)
		return;

	moved = !ipv6_addr_equal(&reg->lcoa, &mn->lcoa);
	if (!moved && !(reg->next && time_after_eq(now, reg->next)))
		return;
	/* The previous MAP hears of a new LCoA only while it forwards; until
	 * the next move there is nothing to send it, and no timer to keep.
	 */
	if (!cur && (reg->state != HMIP_MN_REG_REGISTERED || !moved) &&
	    reg->acked) {
		reg->next = 0;
		return;
	}

	wait = hmip_mn_rate_wait(mn, now);
	if (wait) {
		HMIP_INC_STATS(hn, MN_BU_DEFERRED);
		reg->next = wait;
		return;
	}

	/* Before it leaves: the acknowledgment needs the RCoA as a home
	 * address with its local route (addrconf's work adds that a moment
	 * after the address) and finds the registration by its path.
	 */
	hmip_mn_rcoa_update(mn, reg, cur && reg->state == HMIP_MN_REG_REGISTERED);
	hmip_mn_publish(mn, reg);
	if (!ipv6_chk_addr_and_flags(hn->net, &reg->rcoa, mn->tunnel, false, 0,
				     IFA_F_TENTATIVE)) {
		reg->next = now + HMIP_MN_ADDR_WAIT;
		return;
	}

	retransmit = !moved && !reg->acked && reg->retries;
	if (moved) {
		reg->timeout = HMIP_MN_INITIAL_TIMEOUT;
		reg->retries = 0;
	} else if (retransmit) {
		reg->timeout = min_t(unsigned long, reg->timeout * 2,
				     HMIP_MN_MAX_TIMEOUT);
	}
	reg->seq++;
	reg->lcoa = mn->lcoa;
	reg->sent = now;
	reg->acked = false;
	if (cur) {
		lifetime = mn->lifetime;
	} else {
		/* Not extended: the previous binding only lasts it out. */
		lifetime = time_after(reg->expires, now) ?
			   (reg->expires - now) / HZ : 0;
		lifetime = max_t(u32, lifetime, HMIP_MN_MIN_LIFETIME);
	}
	err = hmip_mn_reg_send(mn, reg, IP6_MH_TYPE_BU, lifetime, &reg->lcoa,
			       &reg->lcoa, false);
	trace_hmip_mn_bu_sent(hn->net, mn->ifindex, &reg->map, &reg->rcoa,
			      &reg->lcoa, reg->seq, lifetime, reg->retries, err);
	if (err)
		HMIP_INC_STATS(hn, MN_BU_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_BU_TX);
	hmip_mn_rate_note(mn, now);
	reg->retries++;
	reg->next = now + reg->timeout;
}

/* Returns whether to look again soon (an address is in DAD). */
static bool hmip_mn_update_lcoa(struct hmip_mn *mn,
				const struct in6_addr *prefixes, unsigned int n,
				unsigned long now)
{
	struct in6_addr lcoa;
	bool tentative;

	tentative = hmip_mn_pick_lcoa(mn, prefixes, n, &lcoa);
	if (ipv6_addr_equal(&lcoa, &mn->lcoa))
		return tentative;
	/* The handover's time runs from the loss of the old LCoA (or the
	 * arrival of the new one) to the acknowledgment from the MAP.
	 */
	if (!ipv6_addr_any(&mn->lcoa)) {
		mn->had_lcoa = true;
		if (!mn->moved)
			mn->moved = now ?: 1;
	}
	/* The first LCoA is an arrival, not a move. */
	if (!ipv6_addr_any(&lcoa) && mn->had_lcoa) {
		mn->moves++;
		if (!mn->moved)
			mn->moved = now ?: 1;
		HMIP_INC_STATS(mn->hn, MN_MOVES);
	}
	trace_hmip_mn_moved(mn->hn->net, mn->ifindex, &mn->lcoa, &lcoa,
			    mn->moves);
	mn->lcoa = lcoa;
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_MOVED);
	return tentative;
}

/* Forgets expired options; a failed MAP's is kept a while, to be shown. */
static void hmip_mn_opts_expire(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_opt *o;
	unsigned int i;
	bool dead;

	for (i = 0; i < mn->n_opts;) {
		o = &mn->opts[i];
		if (!o->info.valid_lifetime)
			dead = time_after(now, o->heard + HMIP_MN_ZERO_HOLD);
		else
			dead = !hmip_mn_ra_opt_remaining(o);
		if (dead) {
			mn->opts[i] = mn->opts[--mn->n_opts];
			continue;
		}
		i++;
	}
}

/* When the worker must run next, at the latest. */
static unsigned long hmip_mn_next_run(struct hmip_mn *mn,
				      const struct hmip_mn_opt *opts,
				      unsigned int n, unsigned long now)
{
	unsigned long next = now + 60 * HZ, t;
	const struct hmip_mn_reg *reg;
	unsigned int i;
	u32 left;

	for (i = 0; i < HMIP_MN_REGS; i++) {
		reg = &mn->reg[i];
		if (!reg->active)
			continue;
		/* Without an LCoA nothing can be sent: a Binding Update due
		 * waits for the address event that wakes the worker (or
		 * for DAD, polled), not for a timer already run out.
		 */
		if (reg->next && !ipv6_addr_any(&mn->lcoa) &&
		    time_before(reg->next, next))
			next = reg->next;
		if (reg->state == HMIP_MN_REG_REGISTERED &&
		    time_before(reg->expires, next))
			next = reg->expires;
	}
	next = hmip_mn_home_next(mn, next);
	next = hmip_mn_dhaad_next(mn, next);
	next = hmip_mn_mpd_next(mn, next);
	next = hmip_mn_fmip_next(mn, next);
	for (i = 0; i < n; i++) {
		left = hmip_mn_ra_opt_remaining(&opts[i]);
		if (!opts[i].info.valid_lifetime)
			t = opts[i].heard + HMIP_MN_ZERO_HOLD + HZ;
		else if (left < 60)
			t = now + (left + 1) * HZ;
		else
			continue;
		if (time_before(t, next))
			next = t;
		if (opts[i].refused_until &&
		    time_after(opts[i].refused_until, now) &&
		    time_before(opts[i].refused_until, next))
			next = opts[i].refused_until;
	}
	return time_after(next, now) ? next - now : 0;
}

/* Context: process; caller holds mn->mutex. */
static void hmip_mn_run(struct hmip_mn *mn)
{
	struct hmip_mn_ba ba[HMIP_MN_MAX_PENDING_BA];
	struct in6_addr prefixes[HMIP_MN_MAX_PREFIXES];
	struct hmip_mn_opt *opts;
	unsigned int n, n_ba, n_prefixes, i;
	const struct in6_addr *lcoa_prefixes, *prepared;
	unsigned long now = jiffies, delay, md_due;
	bool tentative, heard, link_up, una_wait;
	unsigned int n_lcoa_prefixes;

	HMIP_INC_STATS(mn->hn, MN_WORKER_RUNS);
	opts = kmalloc_array(HMIP_MN_MAX_OPTS, sizeof(*opts), GFP_KERNEL);
	if (!opts) {
		queue_delayed_work(system_wq, &mn->work, HZ);
		return;
	}
	/* First: a lost router changes what is read below. */
	md_due = hmip_mn_md_tick(mn, now);
	spin_lock_bh(&mn->lock);
	hmip_mn_opts_expire(mn, now);
	n = mn->n_opts;
	memcpy(opts, mn->opts, n * sizeof(*opts));
	n_prefixes = mn->n_prefixes;
	memcpy(prefixes, mn->prefixes, n_prefixes * sizeof(prefixes[0]));
	n_ba = mn->n_ba;
	memcpy(ba, mn->ba, n_ba * sizeof(ba[0]));
	mn->n_ba = 0;
	heard = mn->heard_ra;
	link_up = mn->link_up;
	mn->link_up = false;
	spin_unlock_bh(&mn->lock);

	/* In the prepared cell the NCoA is there before the new router's
	 * advertisement (RFC 5568 section 6.3), and is the LCoA.
	 */
	prepared = hmip_mn_fmip_onlink(mn, link_up, heard, prefixes,
				       n_prefixes);
	lcoa_prefixes = prefixes;
	n_lcoa_prefixes = n_prefixes;
	if (prepared && !n_prefixes) {
		lcoa_prefixes = prepared;
		n_lcoa_prefixes = 1;
	}
	tentative = hmip_mn_update_lcoa(mn, lcoa_prefixes, n_lcoa_prefixes,
					now);
	hmip_mn_dhaad_take(mn, now);
	hmip_mn_mpd_take(mn, now);
	hmip_mn_fmip_take(mn);
	/* Before the Binding Update from the new LCoA: the UNA, and the
	 * reactive Fast Binding Update (RFC 5568 section 6.3).
	 */
	una_wait = hmip_mn_fmip_arrive(mn, now);
	for (i = 0; i < n_ba; i++) {
		if (ba[i].home)
			hmip_mn_home_handle_ba(mn, &ba[i], now);
		else
			hmip_mn_handle_ba(mn, &ba[i], now);
	}
	if (n_ba) {
		/* A refusal changed the options' state: read it again. */
		spin_lock_bh(&mn->lock);
		n = mn->n_opts;
		memcpy(opts, mn->opts, n * sizeof(*opts));
		spin_unlock_bh(&mn->lock);
	}
	/* Between two links nothing is decided: the options of the next
	 * one are not in before its first advertisement, and the old LCoA
	 * may linger a moment after the link went.
	 */
	if (!ipv6_addr_any(&mn->lcoa) && heard)
		hmip_mn_choose(mn, opts,
			       mn->mode == HMIP_MN_MODE_MIPV6 ? 0 : n, now);
	for (i = 0; i < HMIP_MN_REGS; i++) {
		hmip_mn_reg_tick(mn, &mn->reg[i], now);
		hmip_mn_publish(mn, &mn->reg[i]);
	}
	/* After the MAP's: its acknowledgment decides the care-of address. */
	hmip_mn_home_tick(mn, heard, prefixes, n_prefixes, now);
	hmip_mn_fmip_tick(mn, now);

	delay = hmip_mn_next_run(mn, opts, n, now);
	if (tentative)
		delay = min_t(unsigned long, delay, HZ / 10);
	/* The route comes with addrconf's DAD work, within a few ms. */
	if (una_wait)
		delay = min_t(unsigned long, delay, msecs_to_jiffies(5));
	if (md_due)
		delay = min_t(unsigned long, delay,
			      time_after(md_due, now) ? md_due - now : 0);
	kfree(opts);
	spin_lock_bh(&mn->lock);
	/* A kick while this ran is pending at 0 already: keep it. */
	if (!mn->dead)
		queue_delayed_work(system_wq, &mn->work, delay);
	spin_unlock_bh(&mn->lock);
}

void hmip_mn_reg_work(struct work_struct *work)
{
	struct hmip_mn *mn = container_of(to_delayed_work(work),
					  struct hmip_mn, work);

	/* Outside the mutex: it takes the RTNL, which hmip_mn_set() takes
	 * before the mutex (a new home tunnel).
	 */
	hmip_mn_tunnel_mtu_sync(mn);
	mutex_lock(&mn->mutex);
	if (!READ_ONCE(mn->dead))
		hmip_mn_run(mn);
	mutex_unlock(&mn->mutex);
}
