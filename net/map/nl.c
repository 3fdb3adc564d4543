// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP's commands (%HMIP_CMD_MAP_*) and its binding events.
 */
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/addr.h"
#include "core/family.h"
#include "core/netns.h"
#include "map/map.h"
#include "map/nl.h"

static struct netlink_range_validation hmip_map_lifetime_range = {
	.min = 4,
	.max = HMIP_MAP_MAX_LIFETIME,
};

static struct netlink_range_validation hmip_map_bindings_range = {
	.min = 1,
	.max = HMIP_MAP_MAX_BINDINGS,
};

static struct netlink_range_validation hmip_map_bicast_range = {
	.min = 0,
	.max = HMIP_MAP_MAX_BICAST_MS,
};

static struct netlink_range_validation hmip_map_hi_timeout_range = {
	.min = HMIP_MAP_MIN_HI_TIMEOUT_MS,
	.max = HMIP_MAP_MAX_HI_TIMEOUT_MS,
};

static const struct nla_policy hmip_map_ar_policy[HMIP_A_MAP_AR_MAX + 1] = {
	[HMIP_A_MAP_AR_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MAP_AR_PREFIX] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MAP_AR_PREFIX_LEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[HMIP_A_MAP_AR_BUFFER] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy hmip_map_ar_list_policy[HMIP_A_MAP_AR_MAX + 1] = {
	[HMIP_A_MAP_AR] = NLA_POLICY_NESTED(hmip_map_ar_policy),
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
		NLA_POLICY_NESTED(hmip_anchor_nl_prefix_list_policy),
	[HMIP_A_MAP_FORWARD_PREFIXES] =
		NLA_POLICY_NESTED(hmip_anchor_nl_prefix_list_policy),
	[HMIP_A_MAP_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MAP_BINDINGS] = { .type = NLA_REJECT },
	[HMIP_A_MAP_MODE] = NLA_POLICY_MAX(NLA_U8, HMIP_MAP_MODE_MAX),
	[HMIP_A_MAP_TUNNEL_NAME] = { .type = NLA_NUL_STRING,
				     .len = IFNAMSIZ - 1 },
	[HMIP_A_MAP_TUNNEL_IFINDEX] = { .type = NLA_REJECT },
	[HMIP_A_MAP_REQUIRE_ALTCOA] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MAP_RFC] = HMIP_FAMILY_RFC_POLICY,
	[HMIP_A_MAP_RCOA_POOLS] =
		NLA_POLICY_NESTED(hmip_anchor_nl_prefix_list_policy),
	[HMIP_A_MAP_BICAST] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_bicast_range),
	[HMIP_A_MAP_ACCESS_ROUTERS] =
		NLA_POLICY_NESTED(hmip_map_ar_list_policy),
	[HMIP_A_MAP_HANDOVERS] = { .type = NLA_REJECT },
	[HMIP_A_MAP_HI_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_hi_timeout_range),
};

const struct nla_policy hmip_map_nl_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_MAP] = NLA_POLICY_NESTED(hmip_map_policy),
};

/* ----------------------------------------------------------------- MAPs */

static int hmip_map_nl_fill(struct sk_buff *msg, struct hmip_net *hn,
			    const struct hmip_map *map);

/* A configuration event: @map as "map show" has it. Under hn->map->lock. */
static void hmip_map_nl_notify(struct hmip_net *hn, const struct hmip_map *map,
			       u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	if (!map)
		return;
	rcu_read_lock();
	msg = hmip_family_event_new(hn->net, event, &hdr);
	if (msg) {
		if (hmip_map_nl_fill(msg, hn, map))
			nlmsg_free(msg);
		else
			hmip_family_event_send(hn->net, msg, hdr);
	}
	rcu_read_unlock();
}

/* Parse the MAP nest of @info into @tb; the address is required. */
static int hmip_map_nl_attrs(struct genl_info *info, struct nlattr **tb,
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

/* The access routers of a fast handover (map/hi.c), replacing @p's. */
static int hmip_map_nl_ars_parse(const struct nlattr *list,
				 struct hmip_anchor_params *p,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[HMIP_A_MAP_AR_MAX + 1];
	struct hmip_anchor_ar *ar;
	const struct nlattr *attr;
	struct in6_addr prefix;
	int rem, err;

	p->n_ar = 0;
	nla_for_each_nested(attr, list, rem) {
		if (nla_type(attr) != HMIP_A_MAP_AR)
			continue;
		if (p->n_ar == ARRAY_SIZE(p->ar)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "at most 16 access routers");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, HMIP_A_MAP_AR_MAX, attr,
				       hmip_map_ar_policy, extack);
		if (err)
			return err;
		if (!tb[HMIP_A_MAP_AR_ADDR] || !tb[HMIP_A_MAP_AR_PREFIX] ||
		    !tb[HMIP_A_MAP_AR_PREFIX_LEN]) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "an access router needs an address and a prefix with its length");
			return -EINVAL;
		}
		ar = &p->ar[p->n_ar];
		ar->addr = nla_get_in6_addr(tb[HMIP_A_MAP_AR_ADDR]);
		if (!hmip_addr_global(&ar->addr)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[HMIP_A_MAP_AR_ADDR],
					    "an access router's address must be global unicast");
			return -EINVAL;
		}
		prefix = nla_get_in6_addr(tb[HMIP_A_MAP_AR_PREFIX]);
		ar->prefix.len = nla_get_u8(tb[HMIP_A_MAP_AR_PREFIX_LEN]);
		ipv6_addr_prefix(&ar->prefix.addr, &prefix, ar->prefix.len);
		ar->buffer = tb[HMIP_A_MAP_AR_BUFFER] &&
			     nla_get_u8(tb[HMIP_A_MAP_AR_BUFFER]);
		p->n_ar++;
	}
	return 0;
}

static int hmip_map_nl_ars_fill(struct sk_buff *msg,
				const struct hmip_anchor_params *p)
{
	struct nlattr *nest, *entry;
	unsigned int i;

	nest = nla_nest_start(msg, HMIP_A_MAP_ACCESS_ROUTERS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < p->n_ar; i++) {
		entry = nla_nest_start(msg, HMIP_A_MAP_AR);
		if (!entry ||
		    nla_put_in6_addr(msg, HMIP_A_MAP_AR_ADDR, &p->ar[i].addr) ||
		    nla_put_in6_addr(msg, HMIP_A_MAP_AR_PREFIX,
				     &p->ar[i].prefix.addr) ||
		    nla_put_u8(msg, HMIP_A_MAP_AR_PREFIX_LEN,
			       p->ar[i].prefix.len) ||
		    nla_put_u8(msg, HMIP_A_MAP_AR_BUFFER, p->ar[i].buffer)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Fold the optional settings of @tb into @p. */
static int hmip_map_nl_params(struct net *net, struct nlattr **tb,
			      struct hmip_anchor_params *p,
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
	if (tb[HMIP_A_MAP_BICAST])
		p->bicast_ms = nla_get_u32(tb[HMIP_A_MAP_BICAST]);
	if (tb[HMIP_A_MAP_HI_TIMEOUT])
		p->hi_timeout_ms = nla_get_u32(tb[HMIP_A_MAP_HI_TIMEOUT]);
	if (tb[HMIP_A_MAP_RFC]) {
		err = hmip_family_rfc_get(tb[HMIP_A_MAP_RFC], &p->rfc, extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_ONLINK_PREFIXES]) {
		err = hmip_anchor_nl_prefixes_parse(tb[HMIP_A_MAP_ONLINK_PREFIXES],
						    p->onlink, &p->n_onlink,
						    extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_FORWARD_PREFIXES]) {
		err = hmip_anchor_nl_prefixes_parse(tb[HMIP_A_MAP_FORWARD_PREFIXES],
						    p->forward, &p->n_forward,
						    extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_RCOA_POOLS]) {
		err = hmip_anchor_nl_prefixes_parse(tb[HMIP_A_MAP_RCOA_POOLS],
						    p->pool, &p->n_pool,
						    extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_ACCESS_ROUTERS]) {
		err = hmip_map_nl_ars_parse(tb[HMIP_A_MAP_ACCESS_ROUTERS], p,
					    extack);
		if (err)
			return err;
	}
	return 0;
}

int hmip_map_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_anchor_params *p;
	struct in6_addr addr;
	int type, err;

	err = hmip_map_nl_attrs(info, tb, &addr);
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
	err = hmip_map_nl_params(net, tb, p, info->extack);
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
	if (!err)
		hmip_map_nl_notify(hn, hmip_map_lookup(hn, &addr),
				   HMIP_EVENT_MAP_ADDED);
	mutex_unlock(&hn->map->lock);
out:
	kfree(p);
	return err;
}

int hmip_map_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_anchor_params *p;
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
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
	memcpy(p, rcu_dereference_protected(map->anchor.params,
					    lockdep_is_held(&hn->map->lock)),
	       sizeof(*p));
	rtnl_lock();
	err = hmip_map_nl_params(net, tb, p, info->extack);
	rtnl_unlock();
	if (!err)
		err = hmip_map_set(hn, map, p);
	if (!err)
		hmip_map_nl_notify(hn, map, HMIP_EVENT_MAP_CHANGED);
unlock:
	mutex_unlock(&hn->map->lock);
	kfree(p);
	return err;
}

int hmip_map_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
	if (err)
		return err;

	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (map) {
		hmip_map_nl_notify(hn, map, HMIP_EVENT_MAP_DELETED);
		hmip_map_del(hn, map);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
	}
	mutex_unlock(&hn->map->lock);
	return err;
}

/* Caller holds RCU or hn->map->lock. */
static int hmip_map_nl_fill(struct sk_buff *msg, struct hmip_net *hn,
			    const struct hmip_map *map)
{
	const struct hmip_anchor_params *p =
		rcu_dereference_check(map->anchor.params, true);
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_MAP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MAP_ADDR, &map->anchor.addr) ||
	    nla_put_u32(msg, HMIP_A_MAP_IFINDEX, p->ifindex) ||
	    nla_put_u8(msg, HMIP_A_MAP_PREF, p->pref) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_LIFETIME, p->max_lifetime) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_BINDINGS, p->max_bindings) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_IPSEC, p->require_ipsec) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_ALTCOA, p->require_altcoa) ||
	    nla_put_u8(msg, HMIP_A_MAP_MODE, p->mode) ||
	    nla_put_u16(msg, HMIP_A_MAP_RFC, p->rfc) ||
	    nla_put_u32(msg, HMIP_A_MAP_BICAST, p->bicast_ms) ||
	    nla_put_u32(msg, HMIP_A_MAP_HI_TIMEOUT, p->hi_timeout_ms) ||
	    nla_put_u32(msg, HMIP_A_MAP_TUNNEL_IFINDEX,
			map->anchor.tunnel->ifindex) ||
	    nla_put_u32(msg, HMIP_A_MAP_BINDINGS,
			atomic_read(&map->anchor.nbindings)) ||
	    hmip_anchor_nl_prefixes_fill(msg, HMIP_A_MAP_ONLINK_PREFIXES,
					 p->onlink, p->n_onlink) ||
	    hmip_anchor_nl_prefixes_fill(msg, HMIP_A_MAP_FORWARD_PREFIXES,
					 p->forward, p->n_forward) ||
	    hmip_anchor_nl_prefixes_fill(msg, HMIP_A_MAP_RCOA_POOLS,
					 p->pool, p->n_pool) ||
	    hmip_map_nl_ars_fill(msg, p) ||
	    nla_put_u32(msg, HMIP_A_MAP_HANDOVERS,
			hmip_map_hi_count(hn, map))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int hmip_map_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
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
		err = hdr ? hmip_map_nl_fill(msg, hn, map) : -EMSGSIZE;
	}
	mutex_unlock(&hn->map->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int hmip_map_nl_get_dumpit(struct sk_buff *skb,
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
		if (!hdr || hmip_map_nl_fill(skb, hn, map)) {
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

