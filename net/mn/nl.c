// SPDX-License-Identifier: GPL-2.0
/*
 * HMIP_CMD_MN_*: the mobile node role of an interface, its settings and
 * state (netlink.rst).
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "mn/mn.h"
#include "mn/nl.h"
#include "core/family.h"
#include "core/addr.h"
#include "core/netns.h"

static struct netlink_range_validation hmip_mn_lifetime_range = {
	.min = HMIP_MN_MIN_LIFETIME,
	.max = HMIP_MN_MAX_LIFETIME,
};

static const struct nla_policy hmip_mn_policy[HMIP_A_MN_MAX + 1] = {
	[HMIP_A_MN_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_MN_POLICY] = NLA_POLICY_MAX(NLA_U8, HMIP_MN_POLICY_MAX),
	[HMIP_A_MN_FIXED_MAP] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MN_LIFETIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_mn_lifetime_range),
	[HMIP_A_MN_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MN_TUNNEL_NAME] = { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	/* State the kernel reports, never takes. */
	[HMIP_A_MN_TUNNEL_IFINDEX] = { .type = NLA_REJECT },
	[HMIP_A_MN_LCOA] = { .type = NLA_REJECT },
	[HMIP_A_MN_ROUTER] = { .type = NLA_REJECT },
	[HMIP_A_MN_OPT] = { .type = NLA_REJECT },
	[HMIP_A_MN_REG] = { .type = NLA_REJECT },
	[HMIP_A_MN_MOVES] = { .type = NLA_REJECT },
	[HMIP_A_MN_HANDOVER_MS] = { .type = NLA_REJECT },
	[HMIP_A_MN_HOME] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MN_HOME_PLEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[HMIP_A_MN_HA] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MN_MODE] = NLA_POLICY_MAX(NLA_U8, HMIP_MN_MODE_MAX),
	[HMIP_A_MN_HOME_REG] = { .type = NLA_REJECT },
	[HMIP_A_MN_HA_DISCOVER] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MN_RFC] = HMIP_FAMILY_RFC_POLICY,
	[HMIP_A_MN_TUNNEL_MTU] = { .type = NLA_REJECT },
	[HMIP_A_MN_PREPARE_AR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MN_FMIP] = { .type = NLA_REJECT },
	[HMIP_A_MN_RCOA] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

const struct nla_policy hmip_mn_nl_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_MN] = NLA_POLICY_NESTED(hmip_mn_policy),
};

/* The nest of @info, with an interface of this netns. */
static int hmip_mn_nl_attrs(struct genl_info *info, struct nlattr **tb,
			    int *ifindex)
{
	struct nlattr *nest = info->attrs[HMIP_A_MN];
	bool ok;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_MN)) {
		GENL_SET_ERR_MSG(info, "no mobile node entry given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_MN_MAX, nest, hmip_mn_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_MN_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the interface is missing");
		return -EINVAL;
	}
	*ifindex = nla_get_u32(tb[HMIP_A_MN_IFINDEX]);
	rcu_read_lock();
	ok = dev_get_by_index_rcu(genl_info_net(info), *ifindex);
	rcu_read_unlock();
	if (!ok) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_IFINDEX],
				    "no such interface in this netns");
		return -ENODEV;
	}
	return 0;
}

/* Folds the settings of @tb into @p and checks the result. */
static int hmip_mn_nl_params(struct genl_info *info, struct nlattr **tb,
			     struct hmip_mn_params *p)
{
	if (tb[HMIP_A_MN_PREPARE_AR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_PREPARE_AR],
				    "the new access router is for \"mn prepare\" only");
		return -EINVAL;
	}
	if (tb[HMIP_A_MN_POLICY])
		p->policy = nla_get_u8(tb[HMIP_A_MN_POLICY]);
	if (tb[HMIP_A_MN_FIXED_MAP])
		p->fixed_map = nla_get_in6_addr(tb[HMIP_A_MN_FIXED_MAP]);
	if (tb[HMIP_A_MN_LIFETIME])
		p->lifetime = nla_get_u32(tb[HMIP_A_MN_LIFETIME]);
	if (tb[HMIP_A_MN_REQUIRE_IPSEC])
		p->require_ipsec = nla_get_u8(tb[HMIP_A_MN_REQUIRE_IPSEC]);
	if (tb[HMIP_A_MN_MODE])
		p->mode = nla_get_u8(tb[HMIP_A_MN_MODE]);
	if (tb[HMIP_A_MN_RFC] &&
	    hmip_family_rfc_get(tb[HMIP_A_MN_RFC], &p->rfc, info->extack))
		return -EINVAL;
	if (tb[HMIP_A_MN_RCOA]) {
		p->rcoa_alloc = nla_get_in6_addr(tb[HMIP_A_MN_RCOA]);
		if (!ipv6_addr_any(&p->rcoa_alloc) &&
		    !hmip_addr_global(&p->rcoa_alloc)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_RCOA],
					    "the RCoA must be a global unicast address");
			return -EINVAL;
		}
	}
	if (tb[HMIP_A_MN_HOME])
		p->hoa = nla_get_in6_addr(tb[HMIP_A_MN_HOME]);
	if (tb[HMIP_A_MN_HOME_PLEN])
		p->home_plen = nla_get_u8(tb[HMIP_A_MN_HOME_PLEN]);
	if (tb[HMIP_A_MN_HA] && tb[HMIP_A_MN_HA_DISCOVER] &&
	    nla_get_u8(tb[HMIP_A_MN_HA_DISCOVER])) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HA_DISCOVER],
				    "either ha ADDRESS or ha discover");
		return -EINVAL;
	}
	if (tb[HMIP_A_MN_HA]) {
		p->ha = nla_get_in6_addr(tb[HMIP_A_MN_HA]);
		p->ha_discover = false;
	}
	if (tb[HMIP_A_MN_HA_DISCOVER]) {
		p->ha_discover = nla_get_u8(tb[HMIP_A_MN_HA_DISCOVER]);
		if (p->ha_discover)
			p->ha = in6addr_any;
	}
	if (!ipv6_addr_any(&p->hoa) && !hmip_addr_global(&p->hoa)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HOME],
				    "the home address must be a global unicast address");
		return -EINVAL;
	}
	if (!ipv6_addr_any(&p->ha) && !hmip_addr_global(&p->ha)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HA],
				    "the home agent must be a global unicast address");
		return -EINVAL;
	}
	if (!ipv6_addr_any(&p->hoa) && ipv6_addr_any(&p->ha) &&
	    !p->ha_discover) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HOME],
				    "a home address needs its home agent (ha ADDRESS)");
		return -EINVAL;
	}
	if (ipv6_addr_any(&p->hoa) &&
	    (!ipv6_addr_any(&p->ha) || p->ha_discover)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HA] ?:
				    tb[HMIP_A_MN_HA_DISCOVER],
				    "a home agent needs the home address (home ADDRESS/LEN)");
		return -EINVAL;
	}
	/* RFC 2526: the anycast address needs 8 bits of interface ID. */
	if (p->ha_discover && p->home_plen > 120) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HA_DISCOVER] ?:
				    tb[HMIP_A_MN_HOME_PLEN],
				    "home agent discovery needs a home prefix of /120 or shorter");
		return -EINVAL;
	}
	if (!ipv6_addr_any(&p->hoa) && ipv6_addr_equal(&p->hoa, &p->ha)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_HA],
				    "the home agent cannot be the home address");
		return -EINVAL;
	}
	if (p->policy == HMIP_MN_POLICY_FIXED &&
	    !(ipv6_addr_type(&p->fixed_map) & IPV6_ADDR_UNICAST)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_POLICY],
				    "policy fixed needs the MAP's unicast address");
		return -EINVAL;
	}
	return 0;
}

/* A configuration event: @mn as "mn show" has it. Under hn->mn->lock. */
static void hmip_mn_nl_notify(struct hmip_mn *mn, u32 event)
{
	if (!mn)
		return;
	mutex_lock(&mn->mutex);
	hmip_mn_nl_event(mn, event);
	mutex_unlock(&mn->mutex);
}

int hmip_mn_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MN_MAX + 1];
	struct hmip_mn_params p = {
		.policy = HMIP_MN_POLICY_FURTHEST,
		.lifetime = HMIP_MN_DEFAULT_LIFETIME,
		.require_ipsec = true,
		.home_plen = 64,
		.rfc = HMIP_RFC_5380,
	};
	char name[IFNAMSIZ], *tunnel = NULL;
	int ifindex, err;

	err = hmip_mn_nl_attrs(info, tb, &ifindex);
	if (err)
		return err;
	err = hmip_mn_nl_params(info, tb, &p);
	if (err)
		return err;
	if (tb[HMIP_A_MN_TUNNEL_NAME]) {
		nla_strscpy(name, tb[HMIP_A_MN_TUNNEL_NAME], sizeof(name));
		if (!dev_valid_name(name)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[HMIP_A_MN_TUNNEL_NAME],
					    "not a valid interface name");
			return -EINVAL;
		}
		tunnel = name;
	}
	mutex_lock(&hn->mn->lock);
	err = hmip_mn_add(hn, ifindex, &p, tunnel, info->extack);
	if (!err)
		hmip_mn_nl_notify(hmip_mn_lookup(hn, ifindex),
				  HMIP_EVENT_MN_ADDED);
	mutex_unlock(&hn->mn->lock);
	if (!err && !p.require_ipsec)
		pr_notice_once("mobile node accepts unprotected Binding Acknowledgments (require-ipsec off)\n");
	return err;
}

int hmip_mn_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MN_MAX + 1];
	struct hmip_mn_params p;
	struct hmip_mn *mn;
	int ifindex, err;

	err = hmip_mn_nl_attrs(info, tb, &ifindex);
	if (err)
		return err;
	if (tb[HMIP_A_MN_TUNNEL_NAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_TUNNEL_NAME],
				    "the tunnel device is named at add only");
		return -EINVAL;
	}
	mutex_lock(&hn->mn->lock);
	mn = hmip_mn_lookup(hn, ifindex);
	if (!mn) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_IFINDEX],
				    "the mobile node role does not run on this interface");
		err = -ENOENT;
		goto out;
	}
	mutex_lock(&mn->mutex);
	p.policy = mn->policy;
	p.fixed_map = mn->fixed_map;
	p.lifetime = mn->lifetime;
	p.require_ipsec = mn->require_ipsec;
	p.mode = mn->mode;
	p.hoa = mn->hoa;
	p.home_plen = mn->home_plen;
	p.ha = mn->ha_discover ? in6addr_any : mn->ha;
	p.ha_discover = mn->ha_discover;
	p.rfc = mn->rfc;
	p.rcoa_alloc = mn->rcoa_alloc;
	mutex_unlock(&mn->mutex);
	err = hmip_mn_nl_params(info, tb, &p);
	if (!err)
		err = hmip_mn_set(mn, &p, info->extack);
	if (!err) {
		hmip_mn_nl_notify(mn, HMIP_EVENT_MN_CHANGED);
		if (!p.require_ipsec)
			pr_notice_once("mobile node accepts unprotected Binding Acknowledgments (require-ipsec off)\n");
	}
out:
	mutex_unlock(&hn->mn->lock);
	return err;
}

int hmip_mn_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MN_MAX + 1];
	struct hmip_mn *mn;
	int ifindex, err;

	err = hmip_mn_nl_attrs(info, tb, &ifindex);
	if (err)
		return err;
	mutex_lock(&hn->mn->lock);
	mn = hmip_mn_lookup(hn, ifindex);
	if (mn) {
		hmip_mn_nl_notify(mn, HMIP_EVENT_MN_DELETED);
		hmip_mn_md_dev_restore(mn);
		hmip_mn_del(mn);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_IFINDEX],
				    "the mobile node role does not run on this interface");
		err = -ENOENT;
	}
	mutex_unlock(&hn->mn->lock);
	return err;
}

/**
 * hmip_mn_nl_prepare_doit - %HMIP_CMD_MN_PREPARE, the layer-2 trigger
 * @skb: the request
 * @info: its attributes: the interface and %HMIP_A_MN_PREPARE_AR
 *
 * Return: 0 once the preparation started (its end is announced as
 * %HMIP_EVENT_MN_PREPARED), or a negative errno.
 */
int hmip_mn_nl_prepare_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MN_MAX + 1];
	struct in6_addr ar;
	struct hmip_mn *mn;
	int ifindex, err, i;

	err = hmip_mn_nl_attrs(info, tb, &ifindex);
	if (err)
		return err;
	for (i = 1; i <= HMIP_A_MN_MAX; i++) {
		if (!tb[i] || i == HMIP_A_MN_IFINDEX ||
		    i == HMIP_A_MN_PREPARE_AR)
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
				    "a preparation takes the interface and the new access router only");
		return -EINVAL;
	}
	if (!tb[HMIP_A_MN_PREPARE_AR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMIP_A_MN],
				    "the new access router is missing");
		return -EINVAL;
	}
	ar = nla_get_in6_addr(tb[HMIP_A_MN_PREPARE_AR]);
	if (!hmip_addr_global(&ar)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_PREPARE_AR],
				    "the new access router's address must be global unicast");
		return -EINVAL;
	}
	mutex_lock(&hn->mn->lock);
	mn = hmip_mn_lookup(hn, ifindex);
	if (!mn) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_IFINDEX],
				    "the mobile node role does not run on this interface");
		err = -ENOENT;
	} else {
		mutex_lock(&mn->mutex);
		err = hmip_mn_fmip_prepare(mn, &ar, info->extack);
		mutex_unlock(&mn->mutex);
		if (!err)
			hmip_mn_kick(mn);
	}
	mutex_unlock(&hn->mn->lock);
	return err;
}

static int hmip_mn_nl_opt_fill(struct sk_buff *msg, const struct hmip_mn_opt *o)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_MN_OPT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MN_OPT_MAP, &o->info.addr) ||
	    nla_put_u8(msg, HMIP_A_MN_OPT_DIST, o->info.dist) ||
	    nla_put_u8(msg, HMIP_A_MN_OPT_PREF, o->info.pref) ||
	    nla_put_u8(msg, HMIP_A_MN_OPT_RFLAG, o->info.rflag) ||
	    nla_put_u32(msg, HMIP_A_MN_OPT_VALID_LIFETIME,
			o->info.valid_lifetime) ||
	    nla_put_u32(msg, HMIP_A_MN_OPT_REMAINING,
			hmip_mn_ra_opt_remaining(o)) ||
	    nla_put_in6_addr(msg, HMIP_A_MN_OPT_ROUTER, &o->router)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_mn_nl_reg_fill(struct sk_buff *msg,
			       const struct hmip_mn_reg *reg, bool cur)
{
	unsigned long now = jiffies;
	struct nlattr *nest;
	u32 remaining = 0;

	if (reg->state == HMIP_MN_REG_REGISTERED &&
	    time_after(reg->expires, now))
		remaining = (reg->expires - now) / HZ;
	nest = nla_nest_start(msg, HMIP_A_MN_REG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MN_REG_MAP, &reg->map) ||
	    nla_put_in6_addr(msg, HMIP_A_MN_REG_RCOA, &reg->rcoa) ||
	    (!ipv6_addr_any(&reg->lcoa) &&
	     nla_put_in6_addr(msg, HMIP_A_MN_REG_LCOA, &reg->lcoa)) ||
	    nla_put_u8(msg, HMIP_A_MN_REG_CURRENT, cur) ||
	    nla_put_u8(msg, HMIP_A_MN_REG_STATE, reg->state) ||
	    nla_put_u16(msg, HMIP_A_MN_REG_SEQ, reg->seq) ||
	    nla_put_u32(msg, HMIP_A_MN_REG_LIFETIME, reg->lifetime) ||
	    nla_put_u32(msg, HMIP_A_MN_REG_REMAINING, remaining) ||
	    (reg->next &&
	     nla_put_u32(msg, HMIP_A_MN_REG_NEXT_MS,
			 time_after(reg->next, now) ?
			 jiffies_to_msecs(reg->next - now) : 0)) ||
	    nla_put_u8(msg, HMIP_A_MN_REG_STATUS, reg->status) ||
	    nla_put_u32(msg, HMIP_A_MN_REG_RETRIES, reg->retries)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Seconds left of a lifetime given @age seconds ago; infinity stays. */
static u32 hmip_mn_nl_left(u32 lifetime, u32 age)
{
	if (lifetime == 0xffffffff)
		return lifetime;
	return lifetime > age ? lifetime - age : 0;
}

static int hmip_mn_nl_prefix_fill(struct sk_buff *msg,
				  const struct hmip_mn_home_prefix *p, u32 age)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_MN_HOME_PREFIX);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MN_HPFX_PREFIX, &p->prefix) ||
	    nla_put_u8(msg, HMIP_A_MN_HPFX_LEN, p->len) ||
	    nla_put_u32(msg, HMIP_A_MN_HPFX_VALID,
			hmip_mn_nl_left(p->valid, age)) ||
	    nla_put_u32(msg, HMIP_A_MN_HPFX_PREFERRED,
			hmip_mn_nl_left(p->preferred, age))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_mn_nl_home_fill(struct sk_buff *msg, const struct hmip_mn *mn)
{
	const struct hmip_mn_home *h = &mn->home;
	unsigned long now = jiffies;
	struct nlattr *nest;
	u32 remaining = 0;
	unsigned int i;

	if (h->state == HMIP_MN_HOME_REGISTERED && time_after(h->expires, now))
		remaining = (h->expires - now) / HZ;
	nest = nla_nest_start(msg, HMIP_A_MN_HOME_REG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_MN_HOME_STATE, h->state) ||
	    (!ipv6_addr_any(&h->coa) &&
	     nla_put_in6_addr(msg, HMIP_A_MN_HOME_COA, &h->coa)) ||
	    nla_put_u16(msg, HMIP_A_MN_HOME_SEQ, h->seq) ||
	    nla_put_u32(msg, HMIP_A_MN_HOME_LIFETIME, h->lifetime) ||
	    nla_put_u32(msg, HMIP_A_MN_HOME_REMAINING, remaining) ||
	    (h->next &&
	     nla_put_u32(msg, HMIP_A_MN_HOME_NEXT_MS,
			 time_after(h->next, now) ?
			 jiffies_to_msecs(h->next - now) : 0)) ||
	    nla_put_u8(msg, HMIP_A_MN_HOME_STATUS, h->status) ||
	    nla_put_u32(msg, HMIP_A_MN_HOME_RETRIES, h->retries) ||
	    nla_put_u32(msg, HMIP_A_MN_HOME_TUNNEL_IFINDEX,
			mn->home_tunnel->ifindex) ||
	    (!ipv6_addr_any(&mn->ha) &&
	     nla_put_in6_addr(msg, HMIP_A_MN_HOME_HA, &mn->ha)) ||
	    (mn->ha_discover && mn->dhaad.n &&
	     nla_put(msg, HMIP_A_MN_HOME_HA_LIST,
		     mn->dhaad.n * sizeof(mn->dhaad.list[0]),
		     mn->dhaad.list)) ||
	    (mn->ha_discover &&
	     nla_put_u32(msg, HMIP_A_MN_HOME_DHAAD_REQUESTS,
			 mn->dhaad.requests)))
		goto err;
	for (i = 0; i < mn->mpd.n; i++)
		if (hmip_mn_nl_prefix_fill(msg, &mn->mpd.prefixes[i],
					   (now - mn->mpd.heard) / HZ))
			goto err;
	nla_nest_end(msg, nest);
	return 0;
err:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

/* Context: process; caller holds mn->mutex. */
/* The last preparation of a fast handover. Caller holds mn->mutex. */
static int hmip_mn_nl_fmip_fill(struct sk_buff *msg, const struct hmip_mn *mn)
{
	const struct hmip_mn_fmip *f = &mn->fmip;
	const struct hmip_mn_fmip_info *i = &f->info;
	bool answered = f->state == HMIP_MN_FMIP_READY ||
			f->state == HMIP_MN_FMIP_UNKNOWN;
	struct nlattr *nest;

	if (f->state == HMIP_MN_FMIP_NONE)
		return 0;
	nest = nla_nest_start(msg, HMIP_A_MN_FMIP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_MN_FMIP_STATE, f->state) ||
	    nla_put_in6_addr(msg, HMIP_A_MN_FMIP_AR, &f->ar) ||
	    nla_put_u32(msg, HMIP_A_MN_FMIP_REQUESTS, f->requests) ||
	    (answered &&
	     (nla_put_in6_addr(msg, HMIP_A_MN_FMIP_ROUTER, &i->router) ||
	      nla_put_u8(msg, HMIP_A_MN_FMIP_CODE, i->code) ||
	      (i->has_map &&
	       nla_put_in6_addr(msg, HMIP_A_MN_FMIP_MAP, &i->map)))) ||
	    (f->state == HMIP_MN_FMIP_READY &&
	     (nla_put_in6_addr(msg, HMIP_A_MN_FMIP_PREFIX, &i->prefix) ||
	      nla_put_u8(msg, HMIP_A_MN_FMIP_PREFIX_LEN, i->plen) ||
	      (i->ap_len && nla_put(msg, HMIP_A_MN_FMIP_AP, i->ap_len, i->ap)) ||
	      (i->lla_len &&
	       nla_put(msg, HMIP_A_MN_FMIP_AR_LLA, i->lla_len, i->lla)) ||
	      (!ipv6_addr_any(&f->ncoa) &&
	       nla_put_in6_addr(msg, HMIP_A_MN_FMIP_NCOA, &f->ncoa)))) ||
	    nla_put_u8(msg, HMIP_A_MN_FMIP_FBU, f->fbu) ||
	    (f->fbu_tries &&
	     (nla_put_u16(msg, HMIP_A_MN_FMIP_FBU_SEQ, f->fbu_seq) ||
	      nla_put_u32(msg, HMIP_A_MN_FMIP_FBU_TRIES, f->fbu_tries))) ||
	    ((f->fbu == HMIP_MN_FBU_ACKED || f->fbu == HMIP_MN_FBU_REFUSED) &&
	     nla_put_u8(msg, HMIP_A_MN_FMIP_FBACK_STATUS, f->fback_status)) ||
	    nla_put_u8(msg, HMIP_A_MN_FMIP_UNA, f->una) ||
	    nla_put_u8(msg, HMIP_A_MN_FMIP_UNSOLICITED, f->info.unsolicited) ||
	    nla_put_u8(msg, HMIP_A_MN_FMIP_ARRIVAL, f->arrival)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_mn_nl_fill(struct sk_buff *msg, struct hmip_mn *mn)
{
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	nest = nla_nest_start(msg, HMIP_A_MN);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, HMIP_A_MN_IFINDEX, mn->ifindex) ||
	    nla_put_u8(msg, HMIP_A_MN_POLICY, mn->policy) ||
	    (mn->policy == HMIP_MN_POLICY_FIXED &&
	     nla_put_in6_addr(msg, HMIP_A_MN_FIXED_MAP, &mn->fixed_map)) ||
	    nla_put_u32(msg, HMIP_A_MN_LIFETIME, mn->lifetime) ||
	    nla_put_u8(msg, HMIP_A_MN_REQUIRE_IPSEC, mn->require_ipsec) ||
	    nla_put_string(msg, HMIP_A_MN_TUNNEL_NAME, mn->tunnel->name) ||
	    nla_put_u32(msg, HMIP_A_MN_TUNNEL_IFINDEX, mn->tunnel->ifindex) ||
	    (!ipv6_addr_any(&mn->lcoa) &&
	     nla_put_in6_addr(msg, HMIP_A_MN_LCOA, &mn->lcoa)) ||
	    nla_put_u32(msg, HMIP_A_MN_MOVES, mn->moves) ||
	    nla_put_u32(msg, HMIP_A_MN_HANDOVER_MS, mn->handover_ms) ||
	    nla_put_u8(msg, HMIP_A_MN_MODE, mn->mode) ||
	    nla_put_u16(msg, HMIP_A_MN_RFC, mn->rfc) ||
	    nla_put_u32(msg, HMIP_A_MN_TUNNEL_MTU, READ_ONCE(mn->tunnel->mtu)) ||
	    (!ipv6_addr_any(&mn->rcoa_alloc) &&
	     nla_put_in6_addr(msg, HMIP_A_MN_RCOA, &mn->rcoa_alloc)))
		goto err;
	/* The home agent in use is HMIP_A_MN_HOME_HA; HMIP_A_MN_HA is the
	 * setting.
	 */
	if (mn->home_tunnel &&
	    (nla_put_in6_addr(msg, HMIP_A_MN_HOME, &mn->hoa) ||
	     nla_put_u8(msg, HMIP_A_MN_HOME_PLEN, mn->home_plen) ||
	     (!mn->ha_discover &&
	      nla_put_in6_addr(msg, HMIP_A_MN_HA, &mn->ha)) ||
	     nla_put_u8(msg, HMIP_A_MN_HA_DISCOVER, mn->ha_discover) ||
	     hmip_mn_nl_home_fill(msg, mn)))
		goto err;
	for (i = 0; i < HMIP_MN_REGS; i++)
		if (mn->reg[i].active &&
		    hmip_mn_nl_reg_fill(msg, &mn->reg[i], i == HMIP_MN_CUR))
			goto err;
	if (hmip_mn_nl_fmip_fill(msg, mn))
		goto err;
	spin_lock_bh(&mn->lock);
	if (!ipv6_addr_any(&mn->router))
		err = nla_put_in6_addr(msg, HMIP_A_MN_ROUTER, &mn->router);
	for (i = 0; i < mn->n_opts && !err; i++)
		err = hmip_mn_nl_opt_fill(msg, &mn->opts[i]);
	spin_unlock_bh(&mn->lock);
	if (err)
		goto err;
	nla_nest_end(msg, nest);
	return 0;
err:
	nla_nest_cancel(msg, nest);
	return -EMSGSIZE;
}

static int hmip_mn_nl_put(struct sk_buff *msg, struct hmip_mn *mn, u32 portid,
			  u32 seq, int flags)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(msg, portid, seq, &hmip_family, flags,
			  HMIP_CMD_MN_GET);
	if (!hdr)
		return -EMSGSIZE;
	mutex_lock(&mn->mutex);
	err = hmip_mn_nl_fill(msg, mn);
	mutex_unlock(&mn->mutex);
	if (err) {
		genlmsg_cancel(msg, hdr);
		return err;
	}
	genlmsg_end(msg, hdr);
	return 0;
}

int hmip_mn_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MN_MAX + 1];
	struct sk_buff *msg;
	struct hmip_mn *mn;
	int ifindex, err;

	err = hmip_mn_nl_attrs(info, tb, &ifindex);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&hn->mn->lock);
	mn = hmip_mn_lookup(hn, ifindex);
	if (!mn) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MN_IFINDEX],
				    "the mobile node role does not run on this interface");
		err = -ENOENT;
	} else {
		err = hmip_mn_nl_put(msg, mn, info->snd_portid, info->snd_seq,
				     0);
	}
	mutex_unlock(&hn->mn->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* cb->args[0]: entries sent already. */
int hmip_mn_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_mn *mn;
	long idx = 0;
	int err = 0;

	mutex_lock(&hn->mn->lock);
	list_for_each_entry(mn, &hn->mn->mns, list) {
		if (idx++ < cb->args[0])
			continue;
		err = hmip_mn_nl_put(skb, mn, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
		cb->args[0] = idx;
	}
	mutex_unlock(&hn->mn->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

/**
 * hmip_mn_nl_event - announce a mobile node event with the node's state
 * @mn: the mobile node
 * @event: one of the %HMIP_EVENT_MN_* events
 *
 * Context: process; caller holds mn->mutex.
 */
void hmip_mn_nl_event(struct hmip_mn *mn, u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	msg = hmip_family_event_new(mn->hn->net, event, &hdr);
	if (msg) {
		if (hmip_mn_nl_fill(msg, mn))
			nlmsg_free(msg);
		else
			hmip_family_event_send(mn->hn->net, msg, hdr);
	}
	rcu_read_unlock();
}
