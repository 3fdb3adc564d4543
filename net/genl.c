// SPDX-License-Identifier: GPL-2.0

#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "ar/ar.h"
#include "anchor/bcache.h"
#include "map/map.h"
#include "mn/netlink.h"
#include "genl.h"
#include "core/netns.h"

/* Not const: 6.1 policies take a writable pointer. */
static struct netlink_range_validation hmip_ratelimit_ms_range = {
	.max = HMIP_RATELIMIT_MAX_MS,
};

static const struct nla_policy hmip_config_policy[HMIP_A_CFG_MAX + 1] = {
	[HMIP_A_CFG_ERR_RATELIMIT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ratelimit_ms_range),
	[HMIP_A_CFG_ERR_RATELIMIT_BURST] =
		NLA_POLICY_RANGE(NLA_U32, 1, HMIP_RATELIMIT_MAX_BURST),
};

/* Attributes a request may carry; everything the kernel only sends is
 * rejected so that a confused client learns at once.
 */
static const struct nla_policy hmip_config_set_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_CONFIG] = NLA_POLICY_NESTED(hmip_config_policy),
};

static const struct nla_policy hmip_prefix_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy hmip_prefix_list_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX] = NLA_POLICY_NESTED(hmip_prefix_policy),
};

static struct netlink_range_validation hmip_map_lifetime_range = {
	.min = 4,
	.max = HMIP_MAP_MAX_LIFETIME,
};

static struct netlink_range_validation hmip_map_bindings_range = {
	.min = 1,
	.max = HMIP_MAP_MAX_BINDINGS,
};

static const struct nla_policy hmip_map_policy[HMIP_A_MAP_MAX + 1] = {
	[HMIP_A_MAP_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MAP_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_MAP_PREF] = NLA_POLICY_MAX(NLA_U8, 15),
	[HMIP_A_MAP_MAX_LIFETIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_lifetime_range),
	[HMIP_A_MAP_MAX_BINDINGS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_bindings_range),
	[HMIP_A_MAP_ONLINK_PREFIXES] =
		NLA_POLICY_NESTED(hmip_prefix_list_policy),
	[HMIP_A_MAP_FORWARD_PREFIXES] =
		NLA_POLICY_NESTED(hmip_prefix_list_policy),
	[HMIP_A_MAP_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MAP_BINDINGS] = { .type = NLA_REJECT },
	[HMIP_A_MAP_MODE] = NLA_POLICY_MAX(NLA_U8, HMIP_MAP_MODE_MAX),
	[HMIP_A_MAP_TUNNEL_NAME] = { .type = NLA_NUL_STRING,
				     .len = IFNAMSIZ - 1 },
	[HMIP_A_MAP_TUNNEL_IFINDEX] = { .type = NLA_REJECT },
	[HMIP_A_MAP_REQUIRE_ALTCOA] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy hmip_map_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_MAP] = NLA_POLICY_NESTED(hmip_map_policy),
};

static const struct nla_policy hmip_binding_policy[HMIP_A_BINDING_MAX + 1] = {
	[HMIP_A_BINDING_RCOA] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_BINDING_MAP] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	/* The rest is state the kernel reports, never takes. */
	[HMIP_A_BINDING_LCOA] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SEQ] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_FLAGS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_LIFETIME] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_REMAINING] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_AGE_MS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_REFRESHED_MS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_TX_PACKETS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_TX_BYTES] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_RX_PACKETS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_RX_BYTES] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_PROTO] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_SPI] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_DADDR] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_PEER] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_REQID] = { .type = NLA_REJECT },
};

static const struct nla_policy hmip_binding_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_BINDING] = NLA_POLICY_NESTED(hmip_binding_policy),
};

static struct netlink_range_validation hmip_ar_interval_range = {
	.min = HMIP_AR_MIN_INTERVAL_MS,
	.max = HMIP_AR_MAX_INTERVAL_MS,
};

static struct netlink_range_validation hmip_ar_retry_time_range = {
	.max = HMIP_AR_MAX_INTERVAL_MS,
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
};

static const struct nla_policy hmip_ar_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_AR] = NLA_POLICY_NESTED(hmip_ar_policy),
};

enum hmip_mcgrp {
	HMIP_MCGRP_EVENTS,
	HMIP_MCGRP_EVENTS_ADMIN,
};

/* Every event goes to both groups; a binding's only whole to the one that
 * needs CAP_NET_ADMIN (hmip_map_netlink_binding_event()).
 */
static const struct genl_multicast_group hmip_mcgrps[] = {
	[HMIP_MCGRP_EVENTS] = { .name = HMIP_GENL_MCGRP_EVENTS },
	[HMIP_MCGRP_EVENTS_ADMIN] = { .name = HMIP_GENL_MCGRP_EVENTS_ADMIN,
				      .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* Cleared, then an RCU grace period, before the family goes: workers that
 * still run (binding expiry) must not send on its multicast group after.
 */
static bool hmip_nl_registered;

static int hmip_nl_config_fill(struct sk_buff *msg, struct hmip_net *hn)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, HMIP_A_CFG_ERR_RATELIMIT_MS,
			READ_ONCE(hn->err_rl.interval_ms)) ||
	    nla_put_u32(msg, HMIP_A_CFG_ERR_RATELIMIT_BURST,
			READ_ONCE(hn->err_rl.burst))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* A reply to @info, filled by @fill with the netns's state. */
static int hmip_nl_reply(struct genl_info *info,
			 int (*fill)(struct sk_buff *, struct hmip_net *))
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0,
				info->genlhdr->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = fill(msg, hn);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int hmip_nl_stats_fill(struct sk_buff *msg, struct hmip_net *hn)
{
	return hmip_stats_fill(hn, msg);
}

static int hmip_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_nl_reply(info, hmip_nl_stats_fill);
}

static int hmip_nl_config_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_nl_reply(info, hmip_nl_config_fill);
}

static void hmip_nl_notify_config(struct hmip_net *hn)
{
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	msg = hmip_netlink_event_new(hn->net, HMIP_EVENT_CONFIG_CHANGED, &hdr);
	if (msg) {
		if (hmip_nl_config_fill(msg, hn))
			nlmsg_free(msg);
		else
			hmip_netlink_event_send(hn->net, msg, hdr);
	}
	rcu_read_unlock();
}

static int hmip_nl_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_CFG_MAX + 1];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_CONFIG)) {
		GENL_SET_ERR_MSG(info, "no settings given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_CFG_MAX, info->attrs[HMIP_A_CONFIG],
			       hmip_config_policy, info->extack);
	if (err)
		return err;
	if (!tb[HMIP_A_CFG_ERR_RATELIMIT_MS] &&
	    !tb[HMIP_A_CFG_ERR_RATELIMIT_BURST]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMIP_A_CONFIG],
				    "no settings given");
		return -EINVAL;
	}

	/* Requests are serialised by the genl mutex (no parallel_ops). */
	if (tb[HMIP_A_CFG_ERR_RATELIMIT_MS])
		WRITE_ONCE(hn->err_rl.interval_ms,
			   nla_get_u32(tb[HMIP_A_CFG_ERR_RATELIMIT_MS]));
	if (tb[HMIP_A_CFG_ERR_RATELIMIT_BURST])
		WRITE_ONCE(hn->err_rl.burst,
			   nla_get_u32(tb[HMIP_A_CFG_ERR_RATELIMIT_BURST]));
	hmip_ratelimit_refill(&hn->err_rl);

	hmip_nl_notify_config(hn);
	return 0;
}

/* ----------------------------------------------------------------- MAPs */

static int hmip_nl_prefixes_parse(const struct nlattr *list,
				  struct hmip_prefix *out, u8 *n,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[HMIP_A_PREFIX_MAX + 1];
	const struct nlattr *attr;
	struct in6_addr addr;
	int rem, err;

	*n = 0;
	nla_for_each_nested(attr, list, rem) {
		if (nla_type(attr) != HMIP_A_PREFIX)
			continue;
		if (*n == HMIP_MAP_MAX_PREFIXES) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "at most 16 prefixes per list");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, HMIP_A_PREFIX_MAX, attr,
				       hmip_prefix_policy, extack);
		if (err)
			return err;
		if (!tb[HMIP_A_PREFIX_ADDR] || !tb[HMIP_A_PREFIX_LEN]) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "a prefix needs an address and a length");
			return -EINVAL;
		}
		addr = nla_get_in6_addr(tb[HMIP_A_PREFIX_ADDR]);
		out[*n].len = nla_get_u8(tb[HMIP_A_PREFIX_LEN]);
		/* Not in place: ipv6_addr_prefix() clears its output first. */
		ipv6_addr_prefix(&out[*n].addr, &addr, out[*n].len);
		(*n)++;
	}
	return 0;
}

/* Parse the MAP nest of @info into @tb; the address is required. */
static int hmip_nl_map_attrs(struct genl_info *info, struct nlattr **tb,
			     struct in6_addr *addr)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_MAP)) {
		GENL_SET_ERR_MSG(info, "no MAP given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_MAP_MAX, info->attrs[HMIP_A_MAP],
			       hmip_map_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_MAP], tb,
			      HMIP_A_MAP_ADDR)) {
		GENL_SET_ERR_MSG(info, "the MAP's address is missing");
		return -EINVAL;
	}
	*addr = nla_get_in6_addr(tb[HMIP_A_MAP_ADDR]);
	return 0;
}

/* Fold the optional settings of @tb into @p. */
static int hmip_nl_map_params(struct net *net, struct nlattr **tb,
			      struct hmip_map_params *p,
			      struct netlink_ext_ack *extack)
{
	int err;

	if (tb[HMIP_A_MAP_IFINDEX]) {
		p->ifindex = nla_get_u32(tb[HMIP_A_MAP_IFINDEX]);
		if (!__dev_get_by_index(net, p->ifindex)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[HMIP_A_MAP_IFINDEX],
					    "no such interface in this netns");
			return -ENODEV;
		}
	}
	if (tb[HMIP_A_MAP_PREF])
		p->pref = nla_get_u8(tb[HMIP_A_MAP_PREF]);
	if (tb[HMIP_A_MAP_MAX_LIFETIME])
		p->max_lifetime = nla_get_u32(tb[HMIP_A_MAP_MAX_LIFETIME]);
	if (tb[HMIP_A_MAP_MAX_BINDINGS])
		p->max_bindings = nla_get_u32(tb[HMIP_A_MAP_MAX_BINDINGS]);
	if (tb[HMIP_A_MAP_REQUIRE_IPSEC])
		p->require_ipsec = nla_get_u8(tb[HMIP_A_MAP_REQUIRE_IPSEC]);
	if (tb[HMIP_A_MAP_REQUIRE_ALTCOA])
		p->require_altcoa = nla_get_u8(tb[HMIP_A_MAP_REQUIRE_ALTCOA]);
	if (tb[HMIP_A_MAP_MODE])
		p->mode = nla_get_u8(tb[HMIP_A_MAP_MODE]);
	if (tb[HMIP_A_MAP_ONLINK_PREFIXES]) {
		err = hmip_nl_prefixes_parse(tb[HMIP_A_MAP_ONLINK_PREFIXES],
					     p->onlink, &p->n_onlink, extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_FORWARD_PREFIXES]) {
		err = hmip_nl_prefixes_parse(tb[HMIP_A_MAP_FORWARD_PREFIXES],
					     p->forward, &p->n_forward, extack);
		if (err)
			return err;
	}
	return 0;
}

static int hmip_nl_map_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map_params *p;
	struct in6_addr addr;
	int type, err;

	err = hmip_nl_map_attrs(info, tb, &addr);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_MAP], tb,
			      HMIP_A_MAP_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the MAP's interface is missing");
		return -EINVAL;
	}
	type = ipv6_addr_type(&addr);
	if (!(type & IPV6_ADDR_UNICAST) ||
	    type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "a MAP address must be global unicast");
		return -EINVAL;
	}

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	hmip_map_params_default(p);

	rtnl_lock();
	err = hmip_nl_map_params(net, tb, p, info->extack);
	rtnl_unlock();
	if (err)
		goto out;
	/* Binding Updates reach the MAP only at one of this node's own
	 * addresses (tentative ones included: DAD may still be running).
	 */
	if (!ipv6_chk_addr_and_flags(net, &addr, NULL, true, 0, 0)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "the MAP address is not configured on this node");
		err = -EADDRNOTAVAIL;
		goto out;
	}

	if (tb[HMIP_A_MAP_TUNNEL_NAME] &&
	    !dev_valid_name(nla_data(tb[HMIP_A_MAP_TUNNEL_NAME]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_TUNNEL_NAME],
				    "not a valid device name");
		err = -EINVAL;
		goto out;
	}

	mutex_lock(&hn->map->lock);
	err = hmip_map_add(hn, &addr, p,
			   tb[HMIP_A_MAP_TUNNEL_NAME] ?
			   nla_data(tb[HMIP_A_MAP_TUNNEL_NAME]) : NULL,
			   info->extack);
	mutex_unlock(&hn->map->lock);
out:
	kfree(p);
	return err;
}

static int hmip_nl_map_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map_params *p;
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_nl_map_attrs(info, tb, &addr);
	if (err)
		return err;
	if (tb[HMIP_A_MAP_TUNNEL_NAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_TUNNEL_NAME],
				    "the tunnel device is named when the MAP is added");
		return -EINVAL;
	}

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (!map) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
		goto unlock;
	}
	memcpy(p, rcu_dereference_protected(map->params,
					    lockdep_is_held(&hn->map->lock)),
	       sizeof(*p));
	rtnl_lock();
	err = hmip_nl_map_params(net, tb, p, info->extack);
	rtnl_unlock();
	if (!err)
		err = hmip_map_set(hn, map, p);
unlock:
	mutex_unlock(&hn->map->lock);
	kfree(p);
	return err;
}

static int hmip_nl_map_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_nl_map_attrs(info, tb, &addr);
	if (err)
		return err;

	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (map) {
		hmip_map_del(hn, map);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
	}
	mutex_unlock(&hn->map->lock);
	return err;
}

static int hmip_nl_prefixes_fill(struct sk_buff *msg, int type,
				 const struct hmip_prefix *list, u8 n)
{
	struct nlattr *nest, *entry;
	u8 i;

	nest = nla_nest_start(msg, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		entry = nla_nest_start(msg, HMIP_A_PREFIX);
		if (!entry ||
		    nla_put_in6_addr(msg, HMIP_A_PREFIX_ADDR, &list[i].addr) ||
		    nla_put_u8(msg, HMIP_A_PREFIX_LEN, list[i].len)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Caller holds RCU or hn->map->lock. */
static int hmip_nl_map_fill(struct sk_buff *msg, const struct hmip_map *map)
{
	const struct hmip_map_params *p = rcu_dereference_check(map->params,
								true);
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_MAP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MAP_ADDR, &map->addr) ||
	    nla_put_u32(msg, HMIP_A_MAP_IFINDEX, p->ifindex) ||
	    nla_put_u8(msg, HMIP_A_MAP_PREF, p->pref) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_LIFETIME, p->max_lifetime) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_BINDINGS, p->max_bindings) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_IPSEC, p->require_ipsec) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_ALTCOA, p->require_altcoa) ||
	    nla_put_u8(msg, HMIP_A_MAP_MODE, p->mode) ||
	    nla_put_u32(msg, HMIP_A_MAP_TUNNEL_IFINDEX, map->tunnel->ifindex) ||
	    nla_put_u32(msg, HMIP_A_MAP_BINDINGS,
			atomic_read(&map->nbindings)) ||
	    hmip_nl_prefixes_fill(msg, HMIP_A_MAP_ONLINK_PREFIXES,
				  p->onlink, p->n_onlink) ||
	    hmip_nl_prefixes_fill(msg, HMIP_A_MAP_FORWARD_PREFIXES,
				  p->forward, p->n_forward)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_nl_map_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_nl_map_attrs(info, tb, &addr);
	if (err)
		return err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0, HMIP_CMD_MAP_GET);
	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (!map) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
	} else {
		err = hdr ? hmip_nl_map_fill(msg, map) : -EMSGSIZE;
	}
	mutex_unlock(&hn->map->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int hmip_nl_map_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_map *map;
	long idx = 0;
	int err = 0;
	void *hdr;

	mutex_lock(&hn->map->lock);
	list_for_each_entry(map, &hn->map->maps, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &hmip_family, NLM_F_MULTI,
				  HMIP_CMD_MAP_GET);
		if (!hdr || hmip_nl_map_fill(skb, map)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			idx--;
			err = skb->len ? 0 : -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&hn->map->lock);
	cb->args[0] = idx;
	return err ?: skb->len;
}

/* ------------------------------------------------------------- bindings */

/* Where a mobile node is, its LCoA, and the SA it keys with are for
 * CAP_NET_ADMIN only (location privacy, RFC 4140 section 6.6): @whole
 * says whether the reader may see them.
 */
static int hmip_nl_binding_fill(struct sk_buff *msg,
				const struct hmip_binding *b, bool whole)
{
	u64 now = get_jiffies_64();
	long remaining = (long)(READ_ONCE(b->expires) - jiffies);
	struct hmip_sa_id sa;
	struct in6_addr lcoa;
	struct nlattr *nest;

	hmip_bcache_binding_lcoa(b, &lcoa);
	hmip_bcache_binding_sa(b, &sa);
	if (!whole)
		sa.proto = 0;
	nest = nla_nest_start(msg, HMIP_A_BINDING);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_BINDING_RCOA, &b->rcoa) ||
	    (whole && nla_put_in6_addr(msg, HMIP_A_BINDING_LCOA, &lcoa)) ||
	    nla_put_in6_addr(msg, HMIP_A_BINDING_MAP, &hmip_map_of(b)->addr) ||
	    nla_put_u16(msg, HMIP_A_BINDING_SEQ, READ_ONCE(b->seq)) ||
	    nla_put_u16(msg, HMIP_A_BINDING_FLAGS, READ_ONCE(b->flags)) ||
	    nla_put_u32(msg, HMIP_A_BINDING_LIFETIME, READ_ONCE(b->lifetime)) ||
	    nla_put_u32(msg, HMIP_A_BINDING_REMAINING,
			remaining > 0 ? DIV_ROUND_UP(remaining, HZ) : 0) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_AGE_MS,
			      jiffies64_to_msecs(now - b->created),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_REFRESHED_MS,
			      jiffies64_to_msecs(now - READ_ONCE(b->refreshed)),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_TX_PACKETS,
			      atomic64_read(&b->tx_packets),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_TX_BYTES,
			      atomic64_read(&b->tx_bytes), HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_RX_PACKETS,
			      atomic64_read(&b->rx_packets),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_RX_BYTES,
			      atomic64_read(&b->rx_bytes), HMIP_A_BINDING_PAD) ||
	    (sa.proto &&
	     (nla_put_u8(msg, HMIP_A_BINDING_SA_PROTO, sa.proto) ||
	      nla_put_u32(msg, HMIP_A_BINDING_SA_SPI, ntohl(sa.spi)) ||
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_DADDR, &hmip_map_of(b)->addr) ||
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_PEER, &sa.peer) ||
	      nla_put_u32(msg, HMIP_A_BINDING_SA_REQID, sa.reqid)))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* An event message for any group. Context: any; GFP_ATOMIC. */
static struct sk_buff *hmip_nl_event_alloc(u32 event, void **hdr)
{
	struct sk_buff *msg;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &hmip_family, 0, HMIP_CMD_EVENT);
	if (!*hdr || nla_put_u32(msg, HMIP_A_EVENT_TYPE, event)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static void hmip_nl_binding_event_to(struct hmip_net *hn,
				     const struct hmip_binding *b, u32 event,
				     unsigned int group, bool whole)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&hmip_family, hn->net, group))
		return;
	msg = hmip_nl_event_alloc(event, &hdr);
	if (!msg)
		return;
	if (hmip_nl_binding_fill(msg, b, whole)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&hmip_family, hn->net, msg, 0, group,
				GFP_ATOMIC);
}

/**
 * hmip_map_netlink_binding_event - announce a change of a binding
 * @hn: hmip state of the netns
 * @b: the binding, as it is after the change
 * @event: one of the %HMIP_EVENT_BINDING_* values
 *
 * Whole on the group that needs CAP_NET_ADMIN, without the LCoA and the
 * SA on the other.
 *
 * Context: any; &hmip_bcache.lock may be held.
 */
void hmip_map_netlink_binding_event(struct hmip_net *hn,
				const struct hmip_binding *b, u32 event)
{
	if (!READ_ONCE(hmip_nl_registered))
		return;
	hmip_nl_binding_event_to(hn, b, event, HMIP_MCGRP_EVENTS_ADMIN, true);
	hmip_nl_binding_event_to(hn, b, event, HMIP_MCGRP_EVENTS, false);
}

/* Whether the sender of @skb may see LCoAs and SAs: CAP_NET_ADMIN in the
 * user namespace of the netns, as for the commands that change state.
 */
static bool hmip_nl_whole(const struct sk_buff *skb, struct net *net)
{
	return netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN);
}

static int hmip_nl_binding_attrs(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[HMIP_A_BINDING]) {
		memset(tb, 0, sizeof(*tb) * (HMIP_A_BINDING_MAX + 1));
		return 0;
	}
	return nla_parse_nested(tb, HMIP_A_BINDING_MAX,
				info->attrs[HMIP_A_BINDING],
				hmip_binding_policy, info->extack);
}

static int hmip_nl_binding_get_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	const struct hmip_binding *b;
	struct in6_addr rcoa;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_nl_binding_attrs(info, tb);
	if (err)
		return err;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		GENL_SET_ERR_MSG(info, "the binding's RCoA is missing");
		return -EINVAL;
	}
	rcoa = nla_get_in6_addr(tb[HMIP_A_BINDING_RCOA]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0,
				HMIP_CMD_BINDING_GET);
	rcu_read_lock();
	b = hmip_bcache_lookup(&hn->map->bcache, &rcoa);
	if (!b) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
				    "no binding for this RCoA");
		err = -ENOENT;
	} else {
		err = hdr ? hmip_nl_binding_fill(msg, b,
						 hmip_nl_whole(skb, hn->net)) :
			    -EMSGSIZE;
	}
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* A dump walks the hash table across calls; cb->args[0] holds the walker,
 * whether a MAP filter applies, and what the requester may see (decided
 * once, by the request's sender).
 */
struct hmip_nl_binding_dump {
	struct rhashtable_iter iter;
	bool filter;
	bool whole;
	struct in6_addr map;
};

static int hmip_nl_binding_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct hmip_net *hn = hmip_net(sock_net(cb->skb->sk));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_nl_binding_dump *d;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	if (info->attrs[HMIP_A_BINDING]) {
		err = nla_parse_nested(tb, HMIP_A_BINDING_MAX,
				       info->attrs[HMIP_A_BINDING],
				       hmip_binding_policy, cb->extack);
		if (err) {
			kfree(d);
			return err;
		}
		if (tb[HMIP_A_BINDING_MAP]) {
			d->filter = true;
			d->map = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		}
	}
	d->whole = hmip_nl_whole(cb->skb, hn->net);
	rhashtable_walk_enter(&hn->map->bcache.ht, &d->iter);
	cb->args[0] = (long)d;
	return 0;
}

static int hmip_nl_binding_dump_done(struct netlink_callback *cb)
{
	struct hmip_nl_binding_dump *d = (void *)cb->args[0];

	if (d) {
		rhashtable_walk_exit(&d->iter);
		kfree(d);
	}
	return 0;
}

static int hmip_nl_binding_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct hmip_nl_binding_dump *d = (void *)cb->args[0];
	struct hmip_binding *b;
	void *hdr;

	rhashtable_walk_start(&d->iter);
	for (;;) {
		b = rhashtable_walk_peek(&d->iter);
		if (IS_ERR(b)) {
			if (PTR_ERR(b) == -EAGAIN)
				continue;	/* table resized: go on */
			break;
		}
		if (!b)
			break;
		if (!d->filter || ipv6_addr_equal(&hmip_map_of(b)->addr, &d->map)) {
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &hmip_family,
					  NLM_F_MULTI, HMIP_CMD_BINDING_GET);
			if (!hdr)
				break;
			if (hmip_nl_binding_fill(skb, b, d->whole)) {
				genlmsg_cancel(skb, hdr);
				break;
			}
			genlmsg_end(skb, hdr);
		}
		/* Only now past it: a full skb retries it next time. */
		rhashtable_walk_next(&d->iter);
	}
	rhashtable_walk_stop(&d->iter);
	return skb->len;
}

static int hmip_nl_binding_del_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_binding *b;
	struct in6_addr rcoa;
	int err;

	err = hmip_nl_binding_attrs(info, tb);
	if (err)
		return err;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		GENL_SET_ERR_MSG(info, "the binding's RCoA is missing");
		return -EINVAL;
	}
	rcoa = nla_get_in6_addr(tb[HMIP_A_BINDING_RCOA]);

	/* The lookup is an RCU reader even with the lock held (PROVE_RCU). */
	rcu_read_lock();
	spin_lock_bh(&hn->map->bcache.lock);
	b = hmip_bcache_lookup(&hn->map->bcache, &rcoa);
	if (b)
		hmip_bcache_delete(&hn->map->bcache, b, HMIP_BINDING_GONE_DELETED);
	spin_unlock_bh(&hn->map->bcache.lock);
	rcu_read_unlock();
	if (!b) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
				    "no binding for this RCoA");
		return -ENOENT;
	}
	return 0;
}

static int hmip_nl_binding_flush_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_map *map = NULL;
	struct in6_addr addr;
	int err;

	err = hmip_nl_binding_attrs(info, tb);
	if (err)
		return err;

	mutex_lock(&hn->map->lock);
	if (tb[HMIP_A_BINDING_MAP]) {
		addr = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		map = hmip_map_lookup(hn, &addr);
		if (!map) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[HMIP_A_BINDING_MAP],
					    "no MAP with this address");
			err = -ENOENT;
			goto unlock;
		}
	}
	hmip_bcache_flush(&hn->map->bcache, map, HMIP_BINDING_GONE_DELETED);
unlock:
	mutex_unlock(&hn->map->lock);
	return err;
}

/* genetlink's own GENL_UNS_ADMIN_PERM check says nothing but EPERM: ours
 * tells the user what is missing.
 */
#define HMIP_NL_ADMIN	BIT(0)

static int hmip_nl_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
			    struct genl_info *info)
{
	if ((ops->internal_flags & HMIP_NL_ADMIN) &&
	    !netlink_ns_capable(skb, genl_info_net(info)->user_ns,
				CAP_NET_ADMIN)) {
		GENL_SET_ERR_MSG(info,
				 "needs CAP_NET_ADMIN in the user namespace of the network namespace");
		return -EPERM;
	}
	return 0;
}

/* ------------------------------------------------------- access router */

/**
 * struct hmip_nl_ar_req - an access router request, parsed
 * @tb: the attributes of the %HMIP_A_AR nest
 * @ifindex: %HMIP_A_AR_IFINDEX, required
 * @relay: the request names a relay (%HMIP_A_AR_RELAY_FROM), not an option
 * @from: the relay's upstream interface
 * @addr: the option's MAP address
 */
struct hmip_nl_ar_req {
	struct nlattr *tb[HMIP_A_AR_MAX + 1];
	int ifindex;
	bool relay;
	int from;
	struct in6_addr addr;
};

/* The nest of @info: an interface and either a MAP address or a relay's
 * upstream interface, both existing in this netns.
 */
static int hmip_nl_ar_attrs(struct genl_info *info, struct hmip_nl_ar_req *r)
{
	struct nlattr *nest = info->attrs[HMIP_A_AR];
	struct net *net = genl_info_net(info);
	struct nlattr **tb = r->tb;
	bool ok;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_AR)) {
		GENL_SET_ERR_MSG(info, "no access router entry given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_AR_MAX, nest, hmip_ar_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, HMIP_A_AR_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the interface is missing");
		return -EINVAL;
	}
	if (!tb[HMIP_A_AR_MAP_ADDR] == !tb[HMIP_A_AR_RELAY_FROM]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "give either a MAP address or the interface to relay from");
		return -EINVAL;
	}
	r->ifindex = nla_get_u32(tb[HMIP_A_AR_IFINDEX]);
	r->relay = tb[HMIP_A_AR_RELAY_FROM];
	if (r->relay)
		r->from = nla_get_u32(tb[HMIP_A_AR_RELAY_FROM]);
	else
		r->addr = nla_get_in6_addr(tb[HMIP_A_AR_MAP_ADDR]);

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

/* Fold the optional settings of @tb into @mi and @w. */
static void hmip_nl_ar_params(struct nlattr **tb, struct hmip_map_info *mi,
			      struct hmip_ar_watch *w)
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
}

static const int hmip_nl_ar_option_attrs[] = {
	HMIP_A_AR_DIST, HMIP_A_AR_PREF, HMIP_A_AR_VALID_LIFETIME,
	HMIP_A_AR_RFLAG, HMIP_A_AR_WATCH, HMIP_A_AR_PROBE_MS,
	HMIP_A_AR_RETRY_MS, HMIP_A_AR_RETRY_TIME_MS,
};

/* A relay takes no option settings: name the first one given. */
static struct nlattr *hmip_nl_ar_option_given(struct nlattr **tb)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hmip_nl_ar_option_attrs); i++)
		if (tb[hmip_nl_ar_option_attrs[i]])
			return tb[hmip_nl_ar_option_attrs[i]];
	return NULL;
}

static int hmip_nl_ar_add_relay(struct hmip_net *hn, struct genl_info *info,
				struct hmip_nl_ar_req *r)
{
	struct nlattr *bad = hmip_nl_ar_option_given(r->tb);
	struct net *net = genl_info_net(info);
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
	if (hmip_ar_relay_lookup(hn, r->ifindex, r->from)) {
		NL_SET_ERR_MSG(info->extack, "this relay exists already");
		err = -EEXIST;
	} else {
		err = hmip_ar_relay_add(hn, r->ifindex, r->from);
	}
	mutex_unlock(&hn->ar->lock);
	return err;
}

static int hmip_nl_ar_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_watch watch;
	struct hmip_map_info mi;
	struct hmip_nl_ar_req *r;
	int type, err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_nl_ar_attrs(info, r);
	if (err)
		goto out;
	if (r->relay) {
		err = hmip_nl_ar_add_relay(hn, info, r);
		goto out;
	}

	type = ipv6_addr_type(&r->addr);
	if (!(type & IPV6_ADDR_UNICAST) ||
	    type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_MAP_ADDR],
				    "a MAP address must be global unicast");
		err = -EINVAL;
		goto out;
	}
	hmip_ar_opt_defaults(&mi, &watch);
	mi.addr = r->addr;
	hmip_nl_ar_params(r->tb, &mi, &watch);

	mutex_lock(&hn->ar->lock);
	if (hmip_ar_opt_lookup(hn, r->ifindex, &r->addr)) {
		NL_SET_ERR_MSG(info->extack,
			       "this interface advertises this MAP already");
		err = -EEXIST;
	} else {
		err = hmip_ar_opt_add(hn, r->ifindex, &mi, &watch);
	}
	mutex_unlock(&hn->ar->lock);
out:
	kfree(r);
	return err;
}

static int hmip_nl_ar_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_watch watch;
	struct hmip_map_info mi;
	struct hmip_nl_ar_req *r;
	struct hmip_ar_opt *opt;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_nl_ar_attrs(info, r);
	if (err)
		goto out;
	if (r->relay) {
		NL_SET_ERR_MSG_ATTR(info->extack, r->tb[HMIP_A_AR_RELAY_FROM],
				    "a relay has no settings to change");
		err = -EINVAL;
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
		hmip_nl_ar_params(r->tb, &mi, &watch);
		hmip_ar_opt_set(hn, opt, &mi, &watch);
	}
	mutex_unlock(&hn->ar->lock);
out:
	kfree(r);
	return err;
}

static int hmip_nl_ar_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct hmip_ar_relay *relay;
	struct hmip_nl_ar_req *r;
	struct hmip_ar_opt *opt;
	int err;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	err = hmip_nl_ar_attrs(info, r);
	if (err)
		goto out;

	mutex_lock(&hn->ar->lock);
	if (r->relay) {
		relay = hmip_ar_relay_lookup(hn, r->ifindex, r->from);
		if (relay) {
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

static int hmip_nl_ar_info_fill(struct sk_buff *msg,
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
static int hmip_nl_ar_opt_fill(struct sk_buff *msg,
			       const struct hmip_ar_opt *opt)
{
	const struct hmip_ar_watch *w = &opt->watch;
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_STATIC) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, opt->ifindex) ||
	    hmip_nl_ar_info_fill(msg, &opt->info,
				 READ_ONCE(opt->info.valid_lifetime)) ||
	    nla_put_u8(msg, HMIP_A_AR_WATCH, w->enabled) ||
	    nla_put_u32(msg, HMIP_A_AR_PROBE_MS, w->probe_ms) ||
	    nla_put_u32(msg, HMIP_A_AR_RETRY_MS, w->retry_ms) ||
	    nla_put_u32(msg, HMIP_A_AR_RETRY_TIME_MS, w->retry_time_ms) ||
	    nla_put_u8(msg, HMIP_A_AR_WATCH_STATE, READ_ONCE(opt->state))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int hmip_nl_ar_relay_fill(struct sk_buff *msg,
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

static int hmip_nl_ar_learned_fill(struct sk_buff *msg,
				   const struct hmip_ar_learned *l)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_AR);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(msg, HMIP_A_AR_KIND, HMIP_AR_KIND_LEARNED) ||
	    nla_put_u32(msg, HMIP_A_AR_IFINDEX, l->from) ||
	    hmip_nl_ar_info_fill(msg, &l->info,
				 READ_ONCE(l->info.valid_lifetime)) ||
	    nla_put_u32(msg, HMIP_A_AR_REMAINING,
			hmip_ar_learned_remaining(l))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Whether a learned option is still advertised downstream. */
static bool hmip_nl_ar_learned_live(const struct hmip_ar_learned *l)
{
	if (!READ_ONCE(l->info.valid_lifetime))
		return !time_after(jiffies,
				   READ_ONCE(l->heard) + HMIP_AR_ZERO_HOLD);
	return hmip_ar_learned_remaining(l);
}

/* One entry of an access router dump: 0, or -EMSGSIZE when @skb is full. */
static int hmip_nl_ar_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 kind, const void *obj)
{
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &hmip_family, NLM_F_MULTI, HMIP_CMD_AR_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (kind == HMIP_AR_KIND_STATIC)
		err = hmip_nl_ar_opt_fill(skb, obj);
	else if (kind == HMIP_AR_KIND_RELAY)
		err = hmip_nl_ar_relay_fill(skb, obj);
	else
		err = hmip_nl_ar_learned_fill(skb, obj);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: the list being dumped (&enum hmip_ar_kind: options,
 * relays, learned); cb->args[1]: its entries sent already.
 */
static int hmip_nl_ar_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_ar_relay *relay;
	struct hmip_ar_learned *l;
	struct hmip_ar_opt *opt;
	long idx = 0;
	int err = 0;

	mutex_lock(&hn->ar->lock);
	rcu_read_lock();
	if (cb->args[0] == HMIP_AR_KIND_STATIC) {
		list_for_each_entry(opt, &hn->ar->opts, list) {
			if (idx++ < cb->args[1])
				continue;
			err = hmip_nl_ar_dump_put(skb, cb, HMIP_AR_KIND_STATIC,
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
			err = hmip_nl_ar_dump_put(skb, cb, HMIP_AR_KIND_RELAY,
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
			if (idx++ < cb->args[1] || !hmip_nl_ar_learned_live(l))
				continue;
			err = hmip_nl_ar_dump_put(skb, cb, HMIP_AR_KIND_LEARNED,
						  l);
			if (err)
				goto out;
			cb->args[1] = idx;
		}
		cb->args[0] = HMIP_AR_KIND_LEARNED + 1;
	}
out:
	rcu_read_unlock();
	mutex_unlock(&hn->ar->lock);
	if (err && !skb->len)
		return err;
	return skb->len;
}

/**
 * hmip_netlink_ar_event - announce a change of a watched MAP
 * @hn: hmip state of the netns
 * @opt: the option of the MAP
 * @event: %HMIP_EVENT_AR_MAP_FAILED or %HMIP_EVENT_AR_MAP_RECOVERED
 *
 * Context: RCU read side.
 */
void hmip_netlink_ar_event(struct hmip_net *hn, const struct hmip_ar_opt *opt,
			   u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_netlink_event_new(hn->net, event, &hdr);
	if (!msg)
		return;
	if (hmip_nl_ar_opt_fill(msg, opt)) {
		nlmsg_free(msg);
		return;
	}
	hmip_netlink_event_send(hn->net, msg, hdr);
}

static const struct genl_ops hmip_nl_ops[] = {
	{
		.cmd = HMIP_CMD_STATS_GET,
		.doit = hmip_nl_stats_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_GET,
		.doit = hmip_nl_config_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_SET,
		.doit = hmip_nl_config_set_doit,
		.policy = hmip_config_set_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_ADD,
		.doit = hmip_nl_map_add_doit,
		.policy = hmip_map_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_SET,
		.doit = hmip_nl_map_set_doit,
		.policy = hmip_map_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_DEL,
		.doit = hmip_nl_map_del_doit,
		.policy = hmip_map_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_GET,
		.doit = hmip_nl_map_get_doit,
		.dumpit = hmip_nl_map_get_dumpit,
		.policy = hmip_map_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_BINDING_GET,
		.doit = hmip_nl_binding_get_doit,
		.start = hmip_nl_binding_dump_start,
		.dumpit = hmip_nl_binding_get_dumpit,
		.done = hmip_nl_binding_dump_done,
		.policy = hmip_binding_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_BINDING_DEL,
		.doit = hmip_nl_binding_del_doit,
		.policy = hmip_binding_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_BINDING_FLUSH,
		.doit = hmip_nl_binding_flush_doit,
		.policy = hmip_binding_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_ADD,
		.doit = hmip_nl_ar_add_doit,
		.policy = hmip_ar_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_SET,
		.doit = hmip_nl_ar_set_doit,
		.policy = hmip_ar_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_DEL,
		.doit = hmip_nl_ar_del_doit,
		.policy = hmip_ar_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_ADD,
		.doit = hmip_nl_mn_add_doit,
		.policy = hmip_mn_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_SET,
		.doit = hmip_nl_mn_set_doit,
		.policy = hmip_mn_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_DEL,
		.doit = hmip_nl_mn_del_doit,
		.policy = hmip_mn_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_NL_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_GET,
		.doit = hmip_nl_mn_get_doit,
		.dumpit = hmip_nl_mn_get_dumpit,
		.policy = hmip_mn_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_AR_GET,
		.dumpit = hmip_nl_ar_get_dumpit,
		.policy = hmip_ar_req_policy,
		.maxattr = HMIP_A_MAX,
	},
};

struct genl_family hmip_family __ro_after_init = {
	.name = HMIP_GENL_NAME,
	.version = HMIP_GENL_VERSION,
	.netnsok = true,
	/* Strict validation, and no attribute without a policy, for all. */
	.resv_start_op = HMIP_CMD_UNSPEC + 1,
	.pre_doit = hmip_nl_pre_doit,
	.ops = hmip_nl_ops,
	.n_ops = ARRAY_SIZE(hmip_nl_ops),
	.mcgrps = hmip_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hmip_mcgrps),
	.module = THIS_MODULE,
};

/**
 * hmip_netlink_event_new - start an event message
 * @net: netns the event happened in
 * @event: &enum hmip_event
 * @hdr: set to the header to pass to hmip_netlink_event_send()
 *
 * For events that say the same to every listener (binding events do not:
 * hmip_map_netlink_binding_event()).
 *
 * Context: any, RCU read side (or BHs off) until the message is sent;
 * allocates with GFP_ATOMIC.
 * Return: the message, or NULL when nobody listens or memory is short.
 */
struct sk_buff *hmip_netlink_event_new(struct net *net, u32 event, void **hdr)
{
	if (!READ_ONCE(hmip_nl_registered) ||
	    (!genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS) &&
	     !genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS_ADMIN)))
		return NULL;
	return hmip_nl_event_alloc(event, hdr);
}

/**
 * hmip_netlink_event_send - multicast an event built by
 *	hmip_netlink_event_new()
 * @net: netns the event happened in
 * @msg: the message; consumed
 * @hdr: its header
 *
 * To both groups: a listener joins one of them.
 */
void hmip_netlink_event_send(struct net *net, struct sk_buff *msg, void *hdr)
{
	struct sk_buff *copy;

	genlmsg_end(msg, hdr);
	if (genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS_ADMIN)) {
		copy = skb_clone(msg, GFP_ATOMIC);
		if (copy)
			genlmsg_multicast_netns(&hmip_family, net, copy, 0,
						HMIP_MCGRP_EVENTS_ADMIN,
						GFP_ATOMIC);
	}
	genlmsg_multicast_netns(&hmip_family, net, msg, 0, HMIP_MCGRP_EVENTS,
				GFP_ATOMIC);
}

int __init hmip_genl_module_init(void)
{
	int err;

	err = genl_register_family(&hmip_family);
	if (!err)
		WRITE_ONCE(hmip_nl_registered, true);
	return err;
}

void hmip_genl_module_exit(void)
{
	WRITE_ONCE(hmip_nl_registered, false);
	synchronize_rcu();
	genl_unregister_family(&hmip_family);
}
