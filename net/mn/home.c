// SPDX-License-Identifier: GPL-2.0
/*
 * A mobile node's home registration (RFC 4140 section 6.1, RFC 6275
 * section 11): once the MAP accepted the RCoA, the node binds its home
 * address to the RCoA at its home agent; a move inside the MAP domain
 * keeps the RCoA and sends the home agent nothing, a new RCoA (another
 * domain) sends one Binding Update. In plain Mobile IPv6 mode, and where
 * no MAP is advertised, the LCoA is registered instead. Back on the home
 * link it deregisters from the home address and uses the home link
 * directly (RFC 6275 section 11.5.4).
 *
 * The worker of reg.c runs it (hmip_mn_home_tick(), after the MAP
 * registrations); the data path reads &struct hmip_mn_home_path (RCU):
 * the home address lives on a tunnel device of its own, "hmiphome%d",
 * whose packets leave CoA -> home agent (tunnel.c).
 */
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "mh/mh.h"
#include "mh/xfrm.h"
#include "mn/mn.h"
#include "mn/nl.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

/* addrconf's INFINITY_LIFE_TIME, which it keeps to itself. */
#define HMIP_MN_HOME_FOREVER	0xffffffffU
/* At home the home address is on the interface for this long, renewed
 * while the node stays: addrconf cannot shorten a lifetime, so it runs
 * out by itself soon after the node left.
 */
#define HMIP_MN_HOME_ONLINK_LIFETIME	60
#define HMIP_MN_HOME_ONLINK_RENEW	(20 * HZ)

/* Context: RCU. The node whose home registration is {@ha, @hoa}, or NULL. */
struct hmip_mn *hmip_mn_home_find(struct hmip_net *hn,
				  const struct in6_addr *ha,
				  const struct in6_addr *hoa)
{
	const struct hmip_mn_home_path *path;
	struct hmip_mn *mn;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list) {
		path = rcu_dereference(mn->home.path);
		if (path && ipv6_addr_equal(&path->ha, ha) &&
		    ipv6_addr_equal(&path->hoa, hoa))
			return mn;
	}
	return NULL;
}

void hmip_mn_home_path_free_rcu(struct rcu_head *head)
{
	struct hmip_mn_home_path *path =
		container_of(head, struct hmip_mn_home_path, rcu);

	hmip_tunnel_route_free(rcu_dereference_protected(path->route, 1));
	kfree(path);
}

/* What the data path sees: the registered care-of address, or nothing. */
static void hmip_mn_home_publish(struct hmip_mn *mn)
{
	struct hmip_mn_home *h = &mn->home;
	struct hmip_mn_home_path *old, *path = NULL;

	old = rcu_dereference_protected(h->path, lockdep_is_held(&mn->mutex));
	if (mn->home_tunnel && !ipv6_addr_any(&h->coa)) {
		if (old && ipv6_addr_equal(&old->coa, &h->coa) &&
		    ipv6_addr_equal(&old->ha, &mn->ha) &&
		    ipv6_addr_equal(&old->hoa, &mn->hoa) &&
		    old->dev == mn->home_tunnel)
			return;
		path = kzalloc(sizeof(*path), GFP_KERNEL);
		if (!path)
			return;		/* the old one serves until next time */
		path->hoa = mn->hoa;
		path->ha = mn->ha;
		path->coa = h->coa;
		path->dev = mn->home_tunnel;
	}
	rcu_assign_pointer(h->path, path);
	if (old)
		call_rcu(&old->rcu, hmip_mn_home_path_free_rcu);
}

/* The home address on the interface (at home, RFC 6275 section 11.5.4:
 * the node answers for it on the home link), for @valid seconds; 0
 * deprecates it, and it expires within a minute.
 */
static void hmip_mn_home_onlink(struct hmip_mn *mn, u32 valid)
{
	struct prefix_info pinfo = { .prefix_len = 128 };
	struct inet6_dev *idev = NULL;
	struct net_device *dev;

	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (dev) {
		idev = in6_dev_get(dev);
		dev_put(dev);
	}
	if (!idev)
		return;
	pinfo.prefix = mn->hoa;
	addrconf_prefix_rcv_add_addr(mn->hn->net, idev->dev, &pinfo, idev,
				     &mn->hoa, ipv6_addr_type(&mn->hoa),
				     IFA_F_HOMEADDRESS | IFA_F_NODAD, false,
				     false, valid, valid);
	in6_dev_put(idev);
}

/* Whether the last router advertisement carried the home prefix. */
static bool hmip_mn_home_is_home(const struct hmip_mn *mn,
				 const struct in6_addr *prefixes,
				 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ipv6_prefix_equal(&prefixes[i], &mn->hoa,
				      min_t(u8, mn->home_plen, 64)))
			return true;
	return false;
}

/**
 * hmip_mn_home_release - forget the home registration
 * @mn: the mobile node
 *
 * Nothing is sent: the binding at the home agent expires (the home
 * address or the home agent changed, or the role ends). The next
 * registration starts afresh, from a random sequence number.
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_home_release(struct hmip_mn *mn)
{
	struct hmip_mn_home *h = &mn->home;
	struct hmip_mn_home_path *old;

	old = rcu_dereference_protected(h->path, lockdep_is_held(&mn->mutex));
	RCU_INIT_POINTER(h->path, NULL);
	if (old)
		call_rcu(&old->rcu, hmip_mn_home_path_free_rcu);
	if (h->state == HMIP_MN_HOME_AT_HOME)
		hmip_mn_home_onlink(mn, 0);
	hmip_mh_xfrm_ro_del(h->ro_state);
	hmip_mn_mpd_reset(mn);
	memset(h, 0, offsetof(struct hmip_mn_home, path));
	h->seq = get_random_u16();
	h->ro_state = ERR_PTR(-ENOENT);	/* added by the next tick */
}

/**
 * hmip_mn_home_tunnel_create - the device that holds the home address
 * @mn: the mobile node
 * @hoa: the home address
 * @extack: for the reason it failed
 *
 * The home address goes on it as a home address (the kernel accepts a
 * type 2 routing header only for one: the home agent's acknowledgments
 * carry it), without DAD (the home agent defends it on the home link),
 * for good. Its MTU leaves room for the second encapsulation, to the
 * MAP.
 *
 * Context: process; takes the RTNL.
 * Return: the device, or an ERR_PTR().
 */
struct net_device *hmip_mn_home_tunnel_create(struct hmip_mn *mn,
					      const struct in6_addr *hoa,
					      struct netlink_ext_ack *extack)
{
	struct prefix_info pinfo = { .prefix_len = 128 };
	struct net_device *dev;
	struct inet6_dev *idev;
	int err;

	dev = hmip_tunnel_create(mn->hn, NULL, "hmiphome%d",
				 &hmip_mn_home_tunnel_ops, mn, extack);
	if (IS_ERR(dev))
		return dev;
	rtnl_lock();
	err = dev_set_mtu(dev, READ_ONCE(mn->tunnel->mtu) -
			  (int)sizeof(struct ipv6hdr));
	rtnl_unlock();
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot set the home tunnel's MTU");
		goto err;
	}
	idev = in6_dev_get(dev);
	if (!idev) {
		NL_SET_ERR_MSG(extack, "the home tunnel device has no IPv6");
		err = -ENODEV;
		goto err;
	}
	WRITE_ONCE(idev->cnf.use_tempaddr, -1);
	pinfo.prefix = *hoa;
	err = addrconf_prefix_rcv_add_addr(mn->hn->net, dev, &pinfo, idev, hoa,
					   ipv6_addr_type(hoa),
					   IFA_F_HOMEADDRESS | IFA_F_NODAD,
					   false, false, HMIP_MN_HOME_FOREVER,
					   HMIP_MN_HOME_FOREVER);
	in6_dev_put(idev);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot put the home address on the home tunnel");
		goto err;
	}
	return dev;

err:
	hmip_tunnel_destroy(dev);
	return ERR_PTR(err);
}

/* The care-of address to register now, and the longest lifetime it
 * allows (RFC 4140 section 6.1: no longer than the MAP binding's). ::
 * when there is none yet: the registered one stays meanwhile.
 */
static void hmip_mn_home_coa(struct hmip_mn *mn, bool heard,
			     const struct in6_addr *prefixes, unsigned int n,
			     unsigned long now, struct in6_addr *coa,
			     u32 *lifetime)
{
	const struct hmip_mn_reg *cur = &mn->reg[HMIP_MN_CUR];

	*lifetime = mn->lifetime;
	*coa = in6addr_any;
	if (ipv6_addr_any(&mn->lcoa))
		return;
	/* At home: the home address is its own care-of address, which
	 * deregisters (RFC 6275 section 11.5.4).
	 */
	if (hmip_mn_home_is_home(mn, prefixes, n)) {
		*coa = mn->hoa;
		*lifetime = 0;
		return;
	}
	if (mn->mode == HMIP_MN_MODE_MIPV6) {
		*coa = mn->lcoa;
		return;
	}
	if (cur->active && cur->state == HMIP_MN_REG_REGISTERED &&
	    time_after(cur->expires, now)) {
		*coa = cur->rcoa;
		*lifetime = min_t(u32, *lifetime, (cur->expires - now) / HZ);
		return;
	}
	/* No MAP on this link (its advertisement came and named none),
	 * or the MAP refused: plain Mobile IPv6 from the LCoA. A MAP
	 * registration under way is waited for.
	 */
	if (heard && (!cur->active || cur->state == HMIP_MN_REG_REJECTED))
		*coa = mn->lcoa;
	else
		*coa = mn->home.coa;
}

/* RFC 6275 section 11.7.1: whether the home address has the interface
 * identifier of a link-local address of the interface; the Binding
 * Update then sets L, and the home agent defends that link-local address
 * on the home link too.
 */
static bool hmip_mn_home_ll_twin(struct hmip_mn *mn)
{
	struct inet6_ifaddr *ifa;
	struct inet6_dev *idev;
	struct net_device *dev;
	bool twin = false;

	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (!dev)
		return false;
	idev = in6_dev_get(dev);
	dev_put(dev);
	if (!idev)
		return false;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifa, &idev->addr_list, if_list) {
		if (ifa->scope == IFA_LINK &&
		    !memcmp(&ifa->addr.s6_addr[8], &mn->hoa.s6_addr[8], 8)) {
			twin = true;
			break;
		}
	}
	read_unlock_bh(&idev->lock);
	in6_dev_put(idev);
	return twin;
}

static int hmip_mn_home_send_bu(struct hmip_mn *mn, const struct in6_addr *coa,
				u32 lifetime)
{
	struct hmip_mn_home *h = &mn->home;
	struct {
		struct hmip_mh_bu bu;
		u8 padn[2];
		u8 altcoa_type;
		u8 altcoa_len;
		struct in6_addr altcoa;
	} __packed msg = {};
	int oif;

	/* RFC 6275 section 11.7.1: A and H set, L with a link-local twin;
	 * K clear (no key management here); the care-of address in an
	 * Alternate Care-of Address option too, for ESP (RFC 4877 4.1).
	 */
	msg.bu.hdr.ip6mh_proto = IPPROTO_NONE;
	msg.bu.hdr.ip6mh_hdrlen = sizeof(msg) / 8 - 1;
	msg.bu.hdr.ip6mh_type = IP6_MH_TYPE_BU;
	msg.bu.seq = htons(h->seq);
	msg.bu.flags = htons(HMIP_BU_FLAG_A | HMIP_BU_FLAG_H |
			     (hmip_mn_home_ll_twin(mn) ? HMIP_BU_FLAG_L : 0));
	msg.bu.lifetime = htons(min_t(u32, lifetime / 4, 0xffff));
	msg.padn[0] = HMIP_MH_OPT_PADN;
	msg.altcoa_type = HMIP_MH_OPT_ALTCOA;
	msg.altcoa_len = sizeof(msg.altcoa);
	msg.altcoa = *coa;
	BUILD_BUG_ON(offsetof(typeof(msg), altcoa_type) % 8 != 6 ||
		     sizeof(msg) % 8);
	/* At home, from the home address on the home link, without a Home
	 * Address option (RFC 6275 section 11.5.4).
	 */
	if (ipv6_addr_equal(coa, &mn->hoa))
		return hmip_mh_send(mn->hn, coa, &mn->ha, NULL, mn->ifindex,
				    &msg.bu.hdr);
	/* From the LCoA it leaves on the interface; from the RCoA it goes
	 * into the MAP's tunnel at LOCAL_OUT, wherever it was routed.
	 */
	oif = ipv6_addr_equal(coa, &mn->lcoa) ? mn->ifindex : 0;
	return hmip_mh_send_hao(mn->hn, coa, &mn->ha, &mn->hoa, oif,
				&msg.bu.hdr);
}

/**
 * hmip_mn_home_tick - send the home Binding Update that is due
 * @mn: the mobile node
 * @heard: a router advertisement was heard on the link since it came up
 * @prefixes: the /64 prefixes of the last one
 * @n: entries of @prefixes
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_home_tick(struct hmip_mn *mn, bool heard,
		       const struct in6_addr *prefixes, unsigned int n,
		       unsigned long now)
{
	struct hmip_mn_home *h = &mn->home;
	struct hmip_net *hn = mn->hn;
	struct in6_addr coa;
	bool moved, home;
	u32 lifetime;

	if (!mn->home_tunnel)
		return;
	if (h->state == HMIP_MN_HOME_REGISTERED &&
	    time_after_eq(now, h->expires)) {
		h->state = HMIP_MN_HOME_REGISTERING;
		h->acked = false;
		h->next = now;
	}
	/* RFC 6275 section 11.4.1: a discovered home agent that leaves
	 * its Binding Updates unanswered is left for the next one. Not a
	 * deregistration: at home the node does not need one.
	 */
	if (mn->ha_discover && h->state == HMIP_MN_HOME_REGISTERING &&
	    !h->acked && h->retries >= HMIP_MN_HA_TRIES && h->next &&
	    time_after_eq(now, h->next) &&
	    !ipv6_addr_equal(&h->coa, &mn->hoa)) {
		hmip_mn_home_release(mn);
		hmip_mn_dhaad_next_ha(mn, now);
	}
	/* As for the RCoAs (reg.c): without it the kernel drops the home
	 * agent's acknowledgments. After a release, which deletes it.
	 */
	hmip_mh_xfrm_ro_keep(hn->net, IPPROTO_ROUTING, &mn->hoa, &h->ro_state);
	hmip_mn_home_coa(mn, heard, prefixes, n, now, &coa, &lifetime);
	if (ipv6_addr_any(&coa))
		return;
	moved = !ipv6_addr_equal(&coa, &h->coa);
	home = ipv6_addr_equal(&coa, &mn->hoa);
	/* At home the node answers for its home address on the link; once
	 * it left, the address goes from the interface.
	 */
	if (home)
		hmip_mn_home_onlink(mn, HMIP_MN_HOME_ONLINK_LIFETIME);
	else if (moved && h->state == HMIP_MN_HOME_AT_HOME)
		hmip_mn_home_onlink(mn, 0);
	/* Nothing (more) to tell the home agent: deregistered, or never
	 * registered. The worker comes back to renew the address.
	 */
	if (home && (h->state == HMIP_MN_HOME_AT_HOME ||
		     (moved && !h->ever))) {
		h->state = HMIP_MN_HOME_AT_HOME;
		h->coa = coa;
		h->next = now + HMIP_MN_HOME_ONLINK_RENEW;
		hmip_mn_home_publish(mn);
		return;
	}
	/* No home agent known yet: discovery first (section 11.4.1). */
	if (ipv6_addr_any(&mn->ha)) {
		if (!home)
			hmip_mn_dhaad_tick(mn, &coa, now);
		return;
	}
	/* Prefix discovery goes from the registered care-of address. */
	if (h->state == HMIP_MN_HOME_REGISTERED && !moved && !home)
		hmip_mn_mpd_tick(mn, now);
	if (!moved && (h->state == HMIP_MN_HOME_REJECTED ||
		       !(h->next && time_after_eq(now, h->next))))
		return;

	if (moved) {
		/* RFC 6275 section 13: InitialBindackTimeoutFirstReg for
		 * the first home registration, INITIAL_BINDACK_TIMEOUT
		 * after.
		 */
		h->timeout = h->ever ? HMIP_MN_INITIAL_TIMEOUT :
				       HMIP_MN_HOME_FIRST_TIMEOUT;
		h->retries = 0;
		h->state = HMIP_MN_HOME_REGISTERING;
	} else if (!h->acked && h->retries) {
		h->timeout = min_t(unsigned long, h->timeout * 2,
				   HMIP_MN_MAX_TIMEOUT);
	}
	h->seq++;
	h->coa = coa;
	h->sent = now;
	h->acked = false;
	/* Before it leaves: the acknowledgment is matched by the path. */
	hmip_mn_home_publish(mn);
	if (!home)
		lifetime = max_t(u32, lifetime, HMIP_MN_MIN_LIFETIME);
	/* What the Binding Update carries, in units of 4 s. */
	h->asked = min_t(u32, lifetime / 4, 0xffff) * 4;
	if (hmip_mn_home_send_bu(mn, &coa, lifetime))
		HMIP_INC_STATS(hn, MN_HOME_BU_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MN_HOME_BU_TX);
	h->retries++;
	h->next = now + h->timeout;
}

/**
 * hmip_mn_home_handle_ba - the home agent's Binding Acknowledgment
 * @mn: the mobile node
 * @ba: the acknowledgment (&hmip_mn_ba.home set)
 * @now: jiffies
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_home_handle_ba(struct hmip_mn *mn, const struct hmip_mn_ba *ba,
			    unsigned long now)
{
	struct hmip_mn_home *h = &mn->home;
	struct hmip_net *hn = mn->hn;
	u32 refresh;

	if (!mn->home_tunnel || !ipv6_addr_equal(&ba->map, &mn->ha) ||
	    !ipv6_addr_equal(&ba->rcoa, &mn->hoa)) {
		/* the settings changed since it arrived */
		HMIP_INC_STATS(hn, MN_BA_DROP_UNKNOWN);
		return;
	}
	/* RFC 6275 section 11.7.3: the home agent's last accepted number;
	 * the next Binding Update goes at once, numbered after it.
	 */
	if (ba->status == HMIP_BA_STATUS_SEQ_OUT_OF_WINDOW) {
		HMIP_INC_STATS(hn, MN_HOME_BA_RESYNC);
		h->seq = ba->seq;
		h->status = ba->status;
		h->retries = 0;
		h->next = now;
		return;
	}
	if (ba->seq != h->seq || h->acked) {
		HMIP_INC_STATS(hn, MN_HOME_BA_DROP_SEQ);
		return;
	}
	h->acked = true;
	h->retries = 0;
	h->status = ba->status;
	if (ba->status >= HMIP_BA_STATUS_REJECTED) {
		/* Asked again with the next care-of address or setting. */
		HMIP_INC_STATS(hn, MN_HOME_BA_REJECTED);
		h->state = HMIP_MN_HOME_REJECTED;
		h->next = 0;
		/* A refused deregistration (no binding to delete, 133)
		 * leaves the node at home all the same.
		 */
		if (ipv6_addr_equal(&h->coa, &mn->hoa)) {
			h->state = HMIP_MN_HOME_AT_HOME;
			h->next = now + HMIP_MN_HOME_ONLINK_RENEW;
		}
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_HOME_REJECTED);
		/* A discovered home agent that refuses: the next one of
		 * the list (section 11.4.1).
		 */
		if (mn->ha_discover && h->state == HMIP_MN_HOME_REJECTED) {
			hmip_mn_home_release(mn);
			hmip_mn_dhaad_next_ha(mn, now);
		}
		return;
	}
	HMIP_INC_STATS(hn, MN_HOME_BA_ACCEPTED);
	if (!ba->lifetime) {
		/* Deregistered: nothing to refresh; at home, the address
		 * on the interface to renew.
		 */
		if (ipv6_addr_equal(&h->coa, &mn->hoa)) {
			h->state = HMIP_MN_HOME_AT_HOME;
			h->next = now + HMIP_MN_HOME_ONLINK_RENEW;
		} else {
			h->state = HMIP_MN_HOME_IDLE;
			h->next = 0;
		}
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_HOME_REGISTERED);
		return;
	}
	h->ever = true;
	h->state = HMIP_MN_HOME_REGISTERED;
	/* Section 11.4.2: the home prefix runs out before the binding
	 * would (the home agent capped the lifetime, 10.3.1), or the home
	 * agent asks: prefix discovery.
	 */
	if (ba->status == HMIP_BA_STATUS_PREFIX_DISCOVERY ||
	    ba->lifetime < h->asked)
		hmip_mn_mpd_want(mn, now);
	h->lifetime = ba->lifetime;
	h->expires = h->sent + ba->lifetime * HZ;
	refresh = ba->refresh && ba->refresh < ba->lifetime ?
		  ba->refresh : ba->lifetime;
	h->timeout = HMIP_MN_INITIAL_TIMEOUT;
	h->next = h->sent + max_t(unsigned long, refresh * HZ * 3 / 4, HZ);
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_HOME_REGISTERED);
}

/* When the worker must run next for the home registration, at the
 * latest: @next or earlier.
 */
unsigned long hmip_mn_home_next(struct hmip_mn *mn, unsigned long next)
{
	const struct hmip_mn_home *h = &mn->home;

	if (!mn->home_tunnel)
		return next;
	if (h->next && !ipv6_addr_any(&mn->lcoa) && time_before(h->next, next))
		next = h->next;
	if (h->state == HMIP_MN_HOME_REGISTERED && time_before(h->expires, next))
		next = h->expires;
	return next;
}
