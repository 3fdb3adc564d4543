// SPDX-License-Identifier: GPL-2.0
/*
 * The access router's commands (%HMIP_CMD_AR_*) and its events about
 * watched MAPs.
 */
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "ar/ar.h"
#include "ar/nl.h"
#include "core/family.h"
#include "core/netns.h"

static struct netlink_range_validation hmip_ar_interval_range = {
	.min = HMIP_AR_MIN_INTERVAL_MS,
	.max = HMIP_AR_MAX_INTERVAL_MS,
};

static struct netlink_range_validation hmip_ar_retry_time_range = {
	.max = HMIP_AR_MAX_INTERVAL_MS,
};

static struct netlink_range_validation hmip_ar_buf_packets_range = {
	.min = 1,
	.max = HMIP_AR_MAX_BUF_PACKETS,
};

static struct netlink_range_validation hmip_ar_buf_entries_range = {
	.min = 1,
	.max = HMIP_AR_MAX_BUF_ENTRIES,
};

static struct netlink_range_validation hmip_ar_buf_lifetime_range = {
	.min = HMIP_AR_MIN_BUF_LIFETIME_MS,
	.max = HMIP_AR_MAX_BUF_LIFETIME_MS,
};

static const struct nla_policy hmip_ar_policy[HMIP_A_AR_MAX + 1] = {
	[HMIP_A_AR_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_AR_MAP_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	/* RFC 4140 section 5: "A Distance value of Zero MUST NOT be used" */
	[HMIP_A_AR_DIST] = NLA_POLICY_RANGE(NLA_U8, 1, HMIP_MAP_OPT_DIST_MAX),
	[HMIP_A_AR_PREF] = NLA_POLICY_MAX(NLA_U8, HMIP_MAP_OPT_PREF_MAX),
	[HMIP_A_AR_VALID_LIFETIME] = { .type = NLA_U32 },
	[HMIP_A_AR_RFLAG] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_AR_RELAY_FROM] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_AR_WATCH] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_AR_PROBE_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_interval_range),
	[HMIP_A_AR_RETRY_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_interval_range),
	[HMIP_A_AR_RETRY_TIME_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_retry_time_range),
	/* State the kernel reports, never takes. */
	[HMIP_A_AR_KIND] = { .type = NLA_REJECT },
	[HMIP_A_AR_WATCH_STATE] = { .type = NLA_REJECT },
	[HMIP_A_AR_REMAINING] = { .type = NLA_REJECT },
	[HMIP_A_AR_RFC] = HMIP_FAMILY_RFC_POLICY,
	[HMIP_A_AR_NEIGHBOUR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_AR_NBR_PREFIX] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_AR_NBR_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[HMIP_A_AR_NBR_AP] = NLA_POLICY_RANGE(NLA_BINARY, 1, HMIP_FMIP_LLA_MAX),
	/* Empty clears it. */
	[HMIP_A_AR_NBR_LLA] = NLA_POLICY_MAX(NLA_BINARY, HMIP_FMIP_LLA_MAX),
	[HMIP_A_AR_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_AR_BUFFER_PACKETS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_buf_packets_range),
	[HMIP_A_AR_BUFFER_ENTRIES] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_buf_entries_range),
	[HMIP_A_AR_BUFFER_LIFETIME_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ar_buf_lifetime_range),
	[HMIP_A_AR_PREPARE_MN] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_AR_HI_NCOA] = { .type = NLA_REJECT },
	[HMIP_A_AR_HI_CODE] = { .type = NLA_REJECT },
	[HMIP_A_AR_HI_BUFFER] = { .type = NLA_REJECT },
};

const struct nla_policy hmip_ar_nl_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_AR] = NLA_POLICY_NESTED(hmip_ar_policy),
};

/* ------------------------------------------------------- access router */

/**
 * struct hmip_ar_nl_req - an access router request, parsed
 * @tb: the attributes of the %HMIP_A_AR nest
 * @ifindex: %HMIP_A_AR_IFINDEX, required
 * @relay: the request names a relay (%HMIP_A_AR_RELAY_FROM), not an option
 * @from: the relay's upstream interface
 * @addr: the option's MAP address
 * @role: the request names the role's settings (no interface, an rfc)
 * @nbr: the request names a neighbouring access router
 *	(%HMIP_A_AR_NEIGHBOUR), whose address is @addr
 */
struct hmip_ar_nl_req {
	struct nlattr *tb[HMIP_A_AR_MAX + 1];
	bool role;
	int ifindex;
	bool relay;
	bool nbr;
	int from;
	struct in6_addr addr;
};

/* The role's own settings: kind %HMIP_AR_KIND_ROLE, no interface. */
static int hmip_ar_nl_role_fill(struct sk_buff *msg, u16 rfc)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_ROLE) ||
	    nla_put_u16(msg, HMIP_A_AR_RFC, rfc)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* The role's settings changed: under hn->ar->lock. */
static void hmip_ar_nl_role_event(struct hmip_net *hn)
{
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	msg = hmip_family_event_new(hn->net, HMIP_EVENT_AR_CHANGED, &hdr);
	if (msg) {
		if (hmip_ar_nl_role_fill(msg, hn->ar->rfc))
			nlmsg_free(msg);
		else
			hmip_family_event_send(hn->net, msg, hdr);
	}
	rcu_read_unlock();
}

/* The nest of @tb without an interface: the role's settings, of which
 * "rfc" is the one (and the only attribute allowed).
 */
static int hmip_ar_nl_set_role(struct hmip_net *hn, struct genl_info *info,
			       struct nlattr *nest, struct nlattr **tb)
{
	u16 rfc;
	int i;

	for (i = 1; i <= HMIP_A_AR_MAX; i++) {
		if (!tb[i] || i == HMIP_A_AR_RFC)
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
				    "without an interface only the role's rfc can be set");
		return -EINVAL;
	}
	if (!tb[HMIP_A_AR_RFC]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give an interface, or the role's rfc");
		return -EINVAL;
	}
	if (hmip_family_rfc_get(tb[HMIP_A_AR_RFC], &rfc, info->extack))
		return -EINVAL;
	mutex_lock(&hn->ar->lock);
	/* RFC 5380 section 7: the options are configured on each access
	 * router; its Appendix A removed dynamic MAP discovery.
	 */
	if (rfc == HMIP_RFC_5380 && !list_empty(&hn->ar->relays)) {
		mutex_unlock(&hn->ar->lock);
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_RFC],
				    "RFC 5380 has no dynamic MAP discovery: delete the relays first");
		return -EBUSY;
	}
	if (rfc != hn->ar->rfc) {
		hn->ar->rfc = rfc;
		hmip_ar_nl_role_event(hn);
	}
	mutex_unlock(&hn->ar->lock);
	return 0;
}

/* The reply of HMIP_CMD_AR_GET without NLM_F_DUMP: the role's settings. */
static int hmip_ar_nl_role_reply(struct sk_buff *msg, struct hmip_net *hn)
{
	u16 rfc;

	mutex_lock(&hn->ar->lock);
	rfc = hn->ar->rfc;
	mutex_unlock(&hn->ar->lock);
	return hmip_ar_nl_role_fill(msg, rfc);
}

int hmip_ar_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_family_reply(info, NLMSG_GOODSIZE, hmip_ar_nl_role_reply);
}

static const int hmip_ar_nl_nbr_attrs[] = {
	HMIP_A_AR_NBR_PREFIX, HMIP_A_AR_NBR_PREFIX_LEN, HMIP_A_AR_NBR_AP,
	HMIP_A_AR_NBR_LLA,
};

/* A neighbour's settings belong to a neighbour only. */
static int hmip_ar_nl_attrs_kind(struct genl_info *info,
				 struct hmip_ar_nl_req *r)
{
	unsigned int i;
	int a;

	if (r->tb[HMIP_A_AR_PREPARE_MN]) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_PREPARE_MN],
				    "only a handover trigger (prepare) takes a mobile node");
		return -EINVAL;
	}
	if (r->nbr)
		return 0;
	for (i = 0; i < ARRAY_SIZE(hmip_ar_nl_nbr_attrs); i++) {
		a = hmip_ar_nl_nbr_attrs[i];
		if (!r->tb[a])
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[a],
				    "only a neighbour takes a prefix, an access point or a link-layer address");
		return -EINVAL;
	}
	return 0;
}

/* The %HMIP_A_AR nest of @info, required, into @tb. */
static int hmip_ar_nl_parse(struct genl_info *info, struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_AR)) {
		GENL_SET_ERR_MSG(info, "no access router entry given");
		return -EINVAL;
	}
	return nla_parse_nested(tb, HMIP_A_AR_MAX, info->attrs[HMIP_A_AR],
				hmip_ar_policy, info->extack);
}

/* The nest of @info: an interface and one of a MAP address, a relay's
 * upstream interface or a neighbour, the interfaces existing in this
 * netns.
 */
static int hmip_ar_nl_attrs(struct genl_info *info, struct hmip_ar_nl_req *r)
{
	struct nlattr *nest = info->attrs[HMIP_A_AR];
	struct net *net = genl_info_net(info);
	struct nlattr **tb = r->tb;
	bool ok;
	int err;

	err = hmip_ar_nl_parse(info, tb);
	if (err)
		return err;
	/* No interface, an rfc: the role's settings (hmip_ar_nl_set_role()). */
	if (!tb[HMIP_A_AR_IFINDEX] && tb[HMIP_A_AR_RFC]) {
		r->role = true;
		return 0;
	}
	if (tb[HMIP_A_AR_RFC]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_RFC],
				    "rfc is the role's setting: give it without an interface");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_AR_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the interface is missing");
		return -EINVAL;
	}
	if (!!tb[HMIP_A_AR_MAP_ADDR] + !!tb[HMIP_A_AR_RELAY_FROM] +
	    !!tb[HMIP_A_AR_NEIGHBOUR] != 1) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give one of a MAP address, the interface to relay from, a neighbour");
		return -EINVAL;
	}
	r->ifindex = nla_get_u32(tb[HMIP_A_AR_IFINDEX]);
	r->relay = tb[HMIP_A_AR_RELAY_FROM];
	r->nbr = tb[HMIP_A_AR_NEIGHBOUR];
	if (r->relay)
		r->from = nla_get_u32(tb[HMIP_A_AR_RELAY_FROM]);
	else if (r->nbr)
		r->addr = nla_get_in6_addr(tb[HMIP_A_AR_NEIGHBOUR]);
	else
		r->addr = nla_get_in6_addr(tb[HMIP_A_AR_MAP_ADDR]);
	err = hmip_ar_nl_attrs_kind(info, r);
	if (err)
		return err;

	rcu_read_lock();
	ok = dev_get_by_index_rcu(net, r->ifindex);
	rcu_read_unlock();
	if (!ok) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_IFINDEX],
				    "no such interface in this netns");
		return -ENODEV;
	}
	return 0;
}

/* A MAP's or a neighbour's address: global unicast. */
static bool hmip_ar_nl_global(const struct in6_addr *addr)
{
	int type = ipv6_addr_type(addr);

	return type & IPV6_ADDR_UNICAST &&
	       !(type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
			 IPV6_ADDR_MAPPED));
}

/* Fold the optional settings of @tb into @mi, @w and @hi. */
static void hmip_ar_nl_params(struct nlattr **tb, struct hmip_map_info *mi,
			      struct hmip_ar_watch *w, struct hmip_ar_hi_cfg *hi)
{
	if (tb[HMIP_A_AR_DIST])
		mi->dist = nla_get_u8(tb[HMIP_A_AR_DIST]);
	if (tb[HMIP_A_AR_PREF])
		mi->pref = nla_get_u8(tb[HMIP_A_AR_PREF]);
	if (tb[HMIP_A_AR_VALID_LIFETIME])
		mi->valid_lifetime = nla_get_u32(tb[HMIP_A_AR_VALID_LIFETIME]);
	if (tb[HMIP_A_AR_RFLAG])
		mi->rflag = nla_get_u8(tb[HMIP_A_AR_RFLAG]);
	if (tb[HMIP_A_AR_WATCH])
		w->enabled = nla_get_u8(tb[HMIP_A_AR_WATCH]);
	if (tb[HMIP_A_AR_PROBE_MS])
		w->probe_ms = nla_get_u32(tb[HMIP_A_AR_PROBE_MS]);
	if (tb[HMIP_A_AR_RETRY_MS])
		w->retry_ms = nla_get_u32(tb[HMIP_A_AR_RETRY_MS]);
	if (tb[HMIP_A_AR_RETRY_TIME_MS])
		w->retry_time_ms = nla_get_u32(tb[HMIP_A_AR_RETRY_TIME_MS]);
	if (tb[HMIP_A_AR_REQUIRE_IPSEC])
		hi->require_ipsec = nla_get_u8(tb[HMIP_A_AR_REQUIRE_IPSEC]);
	if (tb[HMIP_A_AR_BUFFER_PACKETS])
		hi->buf_packets = nla_get_u32(tb[HMIP_A_AR_BUFFER_PACKETS]);
	if (tb[HMIP_A_AR_BUFFER_ENTRIES])
		hi->buf_entries = nla_get_u32(tb[HMIP_A_AR_BUFFER_ENTRIES]);
	if (tb[HMIP_A_AR_BUFFER_LIFETIME_MS])
		hi->buf_lifetime_ms =
			nla_get_u32(tb[HMIP_A_AR_BUFFER_LIFETIME_MS]);
}

static const int hmip_ar_nl_option_attrs[] = {
	HMIP_A_AR_DIST, HMIP_A_AR_PREF, HMIP_A_AR_VALID_LIFETIME,
	HMIP_A_AR_RFLAG, HMIP_A_AR_WATCH, HMIP_A_AR_PROBE_MS,
	HMIP_A_AR_RETRY_MS, HMIP_A_AR_RETRY_TIME_MS, HMIP_A_AR_REQUIRE_IPSEC,
	HMIP_A_AR_BUFFER_PACKETS, HMIP_A_AR_BUFFER_ENTRIES,
	HMIP_A_AR_BUFFER_LIFETIME_MS,
};

/* A relay takes no option settings: name the first one given. */
static struct nlattr *hmip_ar_nl_option_given(struct nlattr **tb)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hmip_ar_nl_option_attrs); i++)
		if (tb[hmip_ar_nl_option_attrs[i]])
			return tb[hmip_ar_nl_option_attrs[i]];
	return NULL;
}

/* A configuration event about a relay. Under hn->ar->lock. */
static void hmip_ar_nl_relay_config_event(struct hmip_net *hn,
					  const struct hmip_ar_relay *relay,
					  u32 event)
{
	if (!relay)
		return;
	rcu_read_lock();
	hmip_ar_nl_relay_event(hn, relay, event);
	rcu_read_unlock();
}

/* A configuration event about a MAP option. Under hn->ar->lock. */
static void hmip_ar_nl_opt_event(struct hmip_net *hn,
				 const struct hmip_ar_opt *opt, u32 event)
{
	if (!opt)
		return;
	rcu_read_lock();
	hmip_ar_nl_event(hn, opt, event);
	rcu_read_unlock();
}

static int hmip_ar_nl_add_relay(struct hmip_net *hn, struct genl_info *info,
				struct hmip_ar_nl_req *r)
{
	struct nlattr *bad = hmip_ar_nl_option_given(r->tb);
	struct net *net = genl_info_net(info);
	struct hmip_ar_relay *relay;
	bool ok;
	int err;

	if (bad) {
		NL_SET_ERR_MSG_ATTR(info->extack, bad,
				    "a relay takes no option settings");
		return -EINVAL;
	}
	if (r->from == r->ifindex) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RELAY_FROM],
				    "cannot relay onto the upstream interface itself");
		return -EINVAL;
	}
	rcu_read_lock();
	ok = dev_get_by_index_rcu(net, r->from);
	rcu_read_unlock();
	if (!ok) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RELAY_FROM],
				    "no such interface in this netns");
		return -ENODEV;
	}

	mutex_lock(&hn->ar->lock);
	if (hn->ar->rfc != HMIP_RFC_4140) {
		/* RFC 5380 Appendix A: dynamic MAP discovery was removed. */
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RELAY_FROM],
				    "RFC 5380 has no dynamic MAP discovery: a relay needs \"ar role change rfc 4140\"");
		err = -EOPNOTSUPP;
	} else if (hmip_ar_relay_lookup(hn, r->ifindex, r->from)) {
		NL_SET_ERR_MSG(info->extack, "this relay exists already");
		err = -EEXIST;
	} else {
		err = hmip_ar_relay_add(hn, r->ifindex, r->from);
		relay = err ? NULL : hmip_ar_relay_lookup(hn, r->ifindex,
							  r->from);
		hmip_ar_nl_relay_config_event(hn, relay, HMIP_EVENT_AR_ADDED);
	}
	mutex_unlock(&hn->ar->lock);
	return err;
}

/* ------------------------------------------------ neighbouring routers */

/* Fold the neighbour settings of @tb into @nbr. */
static void hmip_ar_nl_nbr_params(struct nlattr **tb, struct hmip_ar_nbr *nbr)
{
	struct in6_addr prefix = nbr->prefix;

	if (tb[HMIP_A_AR_NBR_PREFIX_LEN])
		nbr->plen = nla_get_u8(tb[HMIP_A_AR_NBR_PREFIX_LEN]);
	if (tb[HMIP_A_AR_NBR_PREFIX])
		prefix = nla_get_in6_addr(tb[HMIP_A_AR_NBR_PREFIX]);
	/* The bits after the length are not part of it (RFC 5568 6.4.1);
	 * ipv6_addr_prefix() clears its destination first: not in place.
	 */
	ipv6_addr_prefix(&nbr->prefix, &prefix, nbr->plen);
	if (tb[HMIP_A_AR_NBR_AP]) {
		nbr->ap_len = nla_len(tb[HMIP_A_AR_NBR_AP]);
		nla_memcpy(nbr->ap, tb[HMIP_A_AR_NBR_AP], sizeof(nbr->ap));
	}
	if (tb[HMIP_A_AR_NBR_LLA]) {
		nbr->lla_len = nla_len(tb[HMIP_A_AR_NBR_LLA]);
		memset(nbr->lla, 0, sizeof(nbr->lla));
		nla_memcpy(nbr->lla, tb[HMIP_A_AR_NBR_LLA], sizeof(nbr->lla));
	}
}

/* A configuration event about a neighbour. Under hn->ar->lock. */
static void hmip_ar_nl_nbr_config_event(struct hmip_net *hn,
					const struct hmip_ar_nbr *nbr,
					u32 event)
{
	if (!nbr)
		return;
	rcu_read_lock();
	hmip_ar_nl_nbr_event(hn, nbr, event);
	rcu_read_unlock();
}

static int hmip_ar_nl_add_nbr(struct hmip_net *hn, struct genl_info *info,
			      struct hmip_ar_nl_req *r)
{
	struct nlattr *bad = hmip_ar_nl_option_given(r->tb);
	struct hmip_ar_nbr *nbr;
	int err;

	if (bad) {
		NL_SET_ERR_MSG_ATTR(info->extack, bad,
				    "a neighbour takes no MAP option settings");
		return -EINVAL;
	}
	if (!hmip_ar_nl_global(&r->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_NEIGHBOUR],
				    "a neighbour's address must be global unicast");
		return -EINVAL;
	}
	if (!r->tb[HMIP_A_AR_NBR_PREFIX] || !r->tb[HMIP_A_AR_NBR_PREFIX_LEN] ||
	    !r->tb[HMIP_A_AR_NBR_AP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_NEIGHBOUR],
				    "a neighbour needs its prefix and its access point's link-layer address");
		return -EINVAL;
	}
	nbr = kzalloc(sizeof(*nbr), GFP_KERNEL);
	if (!nbr)
		return -ENOMEM;
	nbr->ifindex = r->ifindex;
	nbr->addr = r->addr;
	hmip_ar_nl_nbr_params(r->tb, nbr);

	mutex_lock(&hn->ar->lock);
	if (hmip_ar_nbr_lookup(hn, r->ifindex, &r->addr)) {
		NL_SET_ERR_MSG(info->extack,
			       "this interface has this neighbour already");
		err = -EEXIST;
	} else {
		err = hmip_ar_nbr_add(hn, nbr);
		if (err == -ENOSPC)
			NL_SET_ERR_MSG(info->extack,
				       "too many neighbours in this netns");
		if (!err)
			hmip_ar_nl_nbr_config_event(hn,
						    hmip_ar_nbr_lookup(hn, r->ifindex,
								       &r->addr),
						    HMIP_EVENT_AR_ADDED);
	}
	mutex_unlock(&hn->ar->lock);
	kfree(nbr);
	return err;
}

static int hmip_ar_nl_set_nbr(struct hmip_net *hn, struct genl_info *info,
			      struct hmip_ar_nl_req *r)
{
	struct nlattr *bad = hmip_ar_nl_option_given(r->tb);
	struct hmip_ar_nbr *old, *nbr;
	int err = 0;

	if (bad) {
		NL_SET_ERR_MSG_ATTR(info->extack, bad,
				    "a neighbour takes no MAP option settings");
		return -EINVAL;
	}
	nbr = kzalloc(sizeof(*nbr), GFP_KERNEL);
	if (!nbr)
		return -ENOMEM;
	mutex_lock(&hn->ar->lock);
	old = hmip_ar_nbr_lookup(hn, r->ifindex, &r->addr);
	if (!old) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_NEIGHBOUR],
				    "this interface has no such neighbour");
		err = -ENOENT;
		goto unlock;
	}
	*nbr = *old;
	hmip_ar_nl_nbr_params(r->tb, nbr);
	old = hmip_ar_nbr_set(hn, old, nbr);
	if (!old)
		err = -ENOMEM;
	else
		hmip_ar_nl_nbr_config_event(hn, old, HMIP_EVENT_AR_CHANGED);
unlock:
	mutex_unlock(&hn->ar->lock);
	kfree(nbr);
	return err;
}

static int hmip_ar_nl_del_nbr(struct hmip_net *hn, struct genl_info *info,
			      struct hmip_ar_nl_req *r)
{
	struct hmip_ar_nbr *nbr;
	int err = 0;

	mutex_lock(&hn->ar->lock);
	nbr = hmip_ar_nbr_lookup(hn, r->ifindex, &r->addr);
	if (nbr) {
		hmip_ar_nl_nbr_config_event(hn, nbr, HMIP_EVENT_AR_DELETED);
		hmip_ar_nbr_del(hn, nbr);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_NEIGHBOUR],
				    "this interface has no such neighbour");
		err = -ENOENT;
	}
	mutex_unlock(&hn->ar->lock);
	return err;
}

int hmip_ar_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_hi_cfg hi;
	struct hmip_ar_watch watch;
	struct hmip_map_info mi;
	struct hmip_ar_nl_req *r;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_ar_nl_attrs(info, r);
	if (err)
		goto out;
	if (r->role) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RFC],
				    "the role's rfc is changed, not added or deleted");
		err = -EINVAL;
		goto out;
	}
	if (r->relay) {
		err = hmip_ar_nl_add_relay(hn, info, r);
		goto out;
	}
	if (r->nbr) {
		err = hmip_ar_nl_add_nbr(hn, info, r);
		goto out;
	}

	if (!hmip_ar_nl_global(&r->addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_MAP_ADDR],
				    "a MAP address must be global unicast");
		err = -EINVAL;
		goto out;
	}
	hmip_ar_opt_defaults(&mi, &watch, &hi);
	mi.addr = r->addr;
	hmip_ar_nl_params(r->tb, &mi, &watch, &hi);

	mutex_lock(&hn->ar->lock);
	if (hmip_ar_opt_lookup(hn, r->ifindex, &r->addr)) {
		NL_SET_ERR_MSG(info->extack,
			       "this interface advertises this MAP already");
		err = -EEXIST;
	} else {
		err = hmip_ar_opt_add(hn, r->ifindex, &mi, &watch, &hi);
		if (!err)
			hmip_ar_nl_opt_event(hn,
					     hmip_ar_opt_lookup(hn, r->ifindex,
								&r->addr),
					     HMIP_EVENT_AR_ADDED);
	}
	mutex_unlock(&hn->ar->lock);
out:
	kfree(r);
	return err;
}

int hmip_ar_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_hi_cfg hi;
	struct hmip_ar_watch watch;
	struct hmip_map_info mi;
	struct hmip_ar_nl_req *r;
	struct hmip_ar_opt *opt;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_ar_nl_attrs(info, r);
	if (err)
		goto out;
	if (r->role) {
		err = hmip_ar_nl_set_role(hn, info, info->attrs[HMIP_A_AR],
					  r->tb);
		goto out;
	}
	if (r->relay) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RELAY_FROM],
				    "a relay has no settings to change");
		err = -EINVAL;
		goto out;
	}
	if (r->nbr) {
		err = hmip_ar_nl_set_nbr(hn, info, r);
		goto out;
	}

	mutex_lock(&hn->ar->lock);
	opt = hmip_ar_opt_lookup(hn, r->ifindex, &r->addr);
	if (!opt) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_MAP_ADDR],
				    "this interface does not advertise this MAP");
		err = -ENOENT;
	} else {
		mi = opt->info;
		watch = opt->watch;
		hi = opt->hi;
		hmip_ar_nl_params(r->tb, &mi, &watch, &hi);
		hmip_ar_opt_set(hn, opt, &mi, &watch, &hi);
		hmip_ar_nl_opt_event(hn, opt, HMIP_EVENT_AR_CHANGED);
	}
	mutex_unlock(&hn->ar->lock);
out:
	kfree(r);
	return err;
}

int hmip_ar_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_relay *relay;
	struct hmip_ar_nl_req *r;
	struct hmip_ar_opt *opt;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_ar_nl_attrs(info, r);
	if (err)
		goto out;
	if (r->role) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RFC],
				    "the role's rfc is changed, not added or deleted");
		err = -EINVAL;
		goto out;
	}
	if (r->nbr) {
		err = hmip_ar_nl_del_nbr(hn, info, r);
		goto out;
	}

	mutex_lock(&hn->ar->lock);
	if (r->relay) {
		relay = hmip_ar_relay_lookup(hn, r->ifindex, r->from);
		if (relay) {
			hmip_ar_nl_relay_config_event(hn, relay,
						      HMIP_EVENT_AR_DELETED);
			hmip_ar_relay_del(hn, relay);
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    r->tb[HMIP_A_AR_RELAY_FROM],
					    "no such relay");
			err = -ENOENT;
		}
	} else {
		opt = hmip_ar_opt_lookup(hn, r->ifindex, &r->addr);
		if (opt) {
			hmip_ar_nl_opt_event(hn, opt, HMIP_EVENT_AR_DELETED);
			hmip_ar_opt_del(hn, opt);
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    r->tb[HMIP_A_AR_MAP_ADDR],
					    "this interface does not advertise this MAP");
			err = -ENOENT;
		}
	}
	mutex_unlock(&hn->ar->lock);
out:
	kfree(r);
	return err;
}

static int hmip_ar_nl_info_fill(struct sk_buff *msg,
				const struct hmip_map_info *mi, u32 lifetime)
{
	if (nla_put_in6_addr(msg, HMIP_A_AR_MAP_ADDR, &mi->addr) ||
	    nla_put_u8(msg, HMIP_A_AR_DIST, READ_ONCE(mi->dist)) ||
	    nla_put_u8(msg, HMIP_A_AR_PREF, READ_ONCE(mi->pref)) ||
	    nla_put_u32(msg, HMIP_A_AR_VALID_LIFETIME, lifetime) ||
	    nla_put_u8(msg, HMIP_A_AR_RFLAG, READ_ONCE(mi->rflag)))
		return -EMSGSIZE;
	return 0;
}

/* Caller holds RCU or hn->ar->lock. */
static int hmip_ar_nl_opt_fill(struct sk_buff *msg,
			       const struct hmip_ar_opt *opt)
{
	const struct hmip_ar_watch *w = &opt->watch;
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_STATIC) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, opt->ifindex) ||
	    hmip_ar_nl_info_fill(msg, &opt->info,
				 READ_ONCE(opt->info.valid_lifetime)) ||
	    nla_put_u8(msg, HMIP_A_AR_WATCH, w->enabled) ||
	    nla_put_u32(msg, HMIP_A_AR_PROBE_MS, w->probe_ms) ||
	    nla_put_u32(msg, HMIP_A_AR_RETRY_MS, w->retry_ms) ||
	    nla_put_u32(msg, HMIP_A_AR_RETRY_TIME_MS, w->retry_time_ms) ||
	    nla_put_u8(msg, HMIP_A_AR_WATCH_STATE, READ_ONCE(opt->state)) ||
	    nla_put_u8(msg, HMIP_A_AR_REQUIRE_IPSEC,
		       READ_ONCE(opt->hi.require_ipsec)) ||
	    nla_put_u32(msg, HMIP_A_AR_BUFFER_PACKETS,
			READ_ONCE(opt->hi.buf_packets)) ||
	    nla_put_u32(msg, HMIP_A_AR_BUFFER_ENTRIES,
			READ_ONCE(opt->hi.buf_entries)) ||
	    nla_put_u32(msg, HMIP_A_AR_BUFFER_LIFETIME_MS,
			READ_ONCE(opt->hi.buf_lifetime_ms))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_ar_nl_relay_fill(struct sk_buff *msg,
				 const struct hmip_ar_relay *relay)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_RELAY) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, relay->ifindex) ||
	    nla_put_u32(msg, HMIP_A_AR_RELAY_FROM, relay->from)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_ar_nl_learned_fill(struct sk_buff *msg,
				   const struct hmip_ar_learned *l)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_LEARNED) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, l->from) ||
	    hmip_ar_nl_info_fill(msg, &l->info,
				 READ_ONCE(l->info.valid_lifetime)) ||
	    nla_put_u32(msg, HMIP_A_AR_REMAINING,
			hmip_ar_learned_remaining(l))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Caller holds RCU or hn->ar->lock. */
static int hmip_ar_nl_nbr_fill(struct sk_buff *msg,
			       const struct hmip_ar_nbr *nbr)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_NEIGHBOUR) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, nbr->ifindex) ||
	    nla_put_in6_addr(msg, HMIP_A_AR_NEIGHBOUR, &nbr->addr) ||
	    nla_put_in6_addr(msg, HMIP_A_AR_NBR_PREFIX, &nbr->prefix) ||
	    nla_put_u8(msg, HMIP_A_AR_NBR_PREFIX_LEN, nbr->plen) ||
	    nla_put(msg, HMIP_A_AR_NBR_AP, nbr->ap_len, nbr->ap) ||
	    (nbr->lla_len &&
	     nla_put(msg, HMIP_A_AR_NBR_LLA, nbr->lla_len, nbr->lla))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Whether a learned option is still advertised downstream. */
static bool hmip_ar_nl_learned_live(const struct hmip_ar_learned *l)
{
	if (!READ_ONCE(l->info.valid_lifetime))
		return !time_after(jiffies,
				   READ_ONCE(l->heard) + HMIP_AR_ZERO_HOLD);
	return hmip_ar_learned_remaining(l);
}

/* One entry of an access router dump: 0, or -EMSGSIZE when @skb is full. */
static int hmip_ar_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 kind, const void *obj)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &hmip_family, NLM_F_MULTI, HMIP_CMD_AR_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (kind == HMIP_AR_KIND_STATIC)
		err = hmip_ar_nl_opt_fill(skb, obj);
	else if (kind == HMIP_AR_KIND_RELAY)
		err = hmip_ar_nl_relay_fill(skb, obj);
	else if (kind == HMIP_AR_KIND_NEIGHBOUR)
		err = hmip_ar_nl_nbr_fill(skb, obj);
	else
		err = hmip_ar_nl_learned_fill(skb, obj);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: the list being dumped (&enum hmip_ar_kind: options,
 * relays, learned, then neighbours); cb->args[1]: its entries sent
 * already.
 */
int hmip_ar_nl_get_dumpit(struct sk_buff *skb,
			  struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_ar_relay *relay;
	struct hmip_ar_learned *l;
	struct hmip_ar_nbr *nbr;
	struct hmip_ar_opt *opt;
	long idx = 0;
	int err = 0;

	mutex_lock(&hn->ar->lock);
	rcu_read_lock();
	if (cb->args[0] == HMIP_AR_KIND_STATIC) {
		list_for_each_entry(opt, &hn->ar->opts, list) {
			if (idx++ < cb->args[1])
				continue;
			err = hmip_ar_nl_dump_put(skb, cb, HMIP_AR_KIND_STATIC,
						  opt);
			if (err)
				goto out;
			cb->args[1] = idx;
		}
		cb->args[0] = HMIP_AR_KIND_RELAY;
		cb->args[1] = 0;
		idx = 0;
	}
	if (cb->args[0] == HMIP_AR_KIND_RELAY) {
		list_for_each_entry(relay, &hn->ar->relays, list) {
			if (idx++ < cb->args[1])
				continue;
			err = hmip_ar_nl_dump_put(skb, cb, HMIP_AR_KIND_RELAY,
						  relay);
			if (err)
				goto out;
			cb->args[1] = idx;
		}
		cb->args[0] = HMIP_AR_KIND_LEARNED;
		cb->args[1] = 0;
		idx = 0;
	}
	if (cb->args[0] == HMIP_AR_KIND_LEARNED) {
		/* Entries may come and go between two calls: an option
		 * may be skipped or repeated then, never half sent.
		 */
		list_for_each_entry_rcu(l, &hn->ar->learned, list) {
			if (idx++ < cb->args[1] || !hmip_ar_nl_learned_live(l))
				continue;
			err = hmip_ar_nl_dump_put(skb, cb, HMIP_AR_KIND_LEARNED,
						  l);
			if (err)
				goto out;
			cb->args[1] = idx;
		}
		cb->args[0] = HMIP_AR_KIND_NEIGHBOUR;
		cb->args[1] = 0;
		idx = 0;
	}
	if (cb->args[0] == HMIP_AR_KIND_NEIGHBOUR) {
		list_for_each_entry(nbr, &hn->ar->nbrs, list) {
			if (idx++ < cb->args[1])
				continue;
			err = hmip_ar_nl_dump_put(skb, cb,
						  HMIP_AR_KIND_NEIGHBOUR, nbr);
			if (err)
				goto out;
			cb->args[1] = idx;
		}
		cb->args[0] = HMIP_AR_KIND_NEIGHBOUR + 1;
	}
out:
	rcu_read_unlock();
	mutex_unlock(&hn->ar->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

/**
 * hmip_ar_nl_event - announce a change of a MAP option
 * @hn: hmip state of the netns
 * @opt: the option of the MAP
 * @event: %HMIP_EVENT_AR_MAP_FAILED, %HMIP_EVENT_AR_MAP_RECOVERED or
 *	%HMIP_EVENT_AR_REMOVED
 *
 * Context: RCU read side.
 */
void hmip_ar_nl_event(struct hmip_net *hn, const struct hmip_ar_opt *opt,
		      u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_family_event_new(hn->net, event, &hdr);
	if (!msg)
		return;
	if (hmip_ar_nl_opt_fill(msg, opt)) {
		nlmsg_free(msg);
		return;
	}
	hmip_family_event_send(hn->net, msg, hdr);
}

/**
 * hmip_ar_nl_relay_event - announce a change of a relay
 * @hn: hmip state of the netns
 * @relay: the relay
 * @event: %HMIP_EVENT_AR_REMOVED
 *
 * Context: RCU read side.
 */
void hmip_ar_nl_relay_event(struct hmip_net *hn,
			    const struct hmip_ar_relay *relay, u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_family_event_new(hn->net, event, &hdr);
	if (!msg)
		return;
	if (hmip_ar_nl_relay_fill(msg, relay)) {
		nlmsg_free(msg);
		return;
	}
	hmip_family_event_send(hn->net, msg, hdr);
}

/**
 * hmip_ar_nl_nbr_event - announce a change of a neighbour
 * @hn: hmip state of the netns
 * @nbr: the neighbour
 * @event: a configuration event, or %HMIP_EVENT_AR_REMOVED
 *
 * Context: RCU read side.
 */
void hmip_ar_nl_nbr_event(struct hmip_net *hn, const struct hmip_ar_nbr *nbr,
			  u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_family_event_new(hn->net, event, &hdr);
	if (!msg)
		return;
	if (hmip_ar_nl_nbr_fill(msg, nbr)) {
		nlmsg_free(msg);
		return;
	}
	hmip_family_event_send(hn->net, msg, hdr);
}

/**
 * hmip_ar_nl_hi_event - announce an answered Handover Initiate
 * @hn: hmip state of the netns
 * @ifindex: the interface of the MAP option that took it
 * @map: the MAP that sent it
 * @ncoa: its NCoA
 * @code: the Handover Acknowledge's code
 * @buffer: packets for the NCoA are held
 *
 * Context: RCU read side (softirq).
 */
void hmip_ar_nl_hi_event(struct hmip_net *hn, int ifindex,
			 const struct in6_addr *map,
			 const struct in6_addr *ncoa, u8 code, bool buffer)
{
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_family_event_new(hn->net, HMIP_EVENT_AR_HI, &hdr);
	if (!msg)
		return;
	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest ||
	    nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_HANDOVER) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, ifindex) ||
	    nla_put_in6_addr(msg, HMIP_A_AR_MAP_ADDR, map) ||
	    nla_put_in6_addr(msg, HMIP_A_AR_HI_NCOA, ncoa) ||
	    nla_put_u8(msg, HMIP_A_AR_HI_CODE, code) ||
	    nla_put_u8(msg, HMIP_A_AR_HI_BUFFER, buffer)) {
		nlmsg_free(msg);
		return;
	}
	nla_nest_end(msg, nest);
	hmip_family_event_send(hn->net, msg, hdr);
}

/**
 * hmip_ar_nl_prepare_doit - %HMIP_CMD_AR_PREPARE: the network side's
 *	layer-2 trigger of a network-initiated handover
 * @skb: the request
 * @info: its attributes: %HMIP_A_AR_IFINDEX, %HMIP_A_AR_PREPARE_MN and
 *	%HMIP_A_AR_NEIGHBOUR, a neighbour configured on that interface
 *
 * Return: 0 once the Proxy Router Advertisement is sent, or a negative
 * errno with an extended ACK message.
 */
int hmip_ar_nl_prepare_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_AR_MAX + 1];
	struct nlattr *nest = info->attrs[HMIP_A_AR];
	struct hmip_ar_nbr *nbr, copy;
	struct net_device *dev;
	struct in6_addr mn, addr;
	int err, i;

	err = hmip_ar_nl_parse(info, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_AR_IFINDEX) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_AR_PREPARE_MN) ||
	    NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_AR_NEIGHBOUR)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give the interface, the mobile node and the neighbour");
		return -EINVAL;
	}
	for (i = 1; i <= HMIP_A_AR_MAX; i++) {
		if (!tb[i] || i == HMIP_A_AR_IFINDEX ||
		    i == HMIP_A_AR_PREPARE_MN || i == HMIP_A_AR_NEIGHBOUR)
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
				    "a handover trigger takes only the interface, the mobile node and the neighbour");
		return -EINVAL;
	}
	mn = nla_get_in6_addr(tb[HMIP_A_AR_PREPARE_MN]);
	addr = nla_get_in6_addr(tb[HMIP_A_AR_NEIGHBOUR]);
	if (!(ipv6_addr_type(&mn) & IPV6_ADDR_UNICAST)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_PREPARE_MN],
				    "the mobile node's address must be unicast");
		return -EINVAL;
	}
	dev = dev_get_by_index(genl_info_net(info),
			       nla_get_u32(tb[HMIP_A_AR_IFINDEX]));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_IFINDEX],
				    "no such interface in this netns");
		return -ENODEV;
	}
	mutex_lock(&hn->ar->lock);
	nbr = hmip_ar_nbr_lookup(hn, dev->ifindex, &addr);
	if (nbr)
		copy = *nbr;
	mutex_unlock(&hn->ar->lock);
	if (!nbr) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_AR_NEIGHBOUR],
				    "this interface has no such neighbour");
		err = -ENOENT;
	} else {
		err = hmip_ar_fmip_prepare(hn, dev, &mn, &copy);
		if (err)
			NL_SET_ERR_MSG(info->extack,
				       "the Proxy Router Advertisement could not be sent");
	}
	dev_put(dev);
	return err;
}
