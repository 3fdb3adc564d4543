// SPDX-License-Identifier: GPL-2.0
/*
 * The binding commands (%HMIP_CMD_BINDING_*) and the binding events, for
 * every anchor role alike: a MAP's bindings and a home agent's are the
 * same cache entries, reported with the role that holds them. The roles'
 * anchors are found through &hmip_net.anchors, which
 * hmip_anchor_net_init() fills in.
 */
#include <linux/rhashtable.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/family.h"
#include "core/netns.h"

static const struct nla_policy hmip_prefix_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

const struct nla_policy hmip_anchor_nl_prefix_list_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX] = NLA_POLICY_NESTED(hmip_prefix_policy),
};

/* ------------------------------------------------------------- prefixes */

/* A list of prefixes (an anchor's settings) from a nest of
 * %HMIP_A_PREFIX; each is stored with its host bits cleared.
 */
int hmip_anchor_nl_prefixes_parse(const struct nlattr *list,
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
		if (*n == HMIP_ANCHOR_MAX_PREFIXES) {
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

/* A list of prefixes into a nest of %HMIP_A_PREFIX. */
int hmip_anchor_nl_prefixes_fill(struct sk_buff *msg, int type,
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

/* ------------------------------------------------------------- bindings */

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
	[HMIP_A_BINDING_ROLE] = { .type = NLA_REJECT },
};

const struct nla_policy hmip_anchor_nl_binding_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_BINDING] = NLA_POLICY_NESTED(hmip_binding_policy),
};

/* Where a mobile node is, its LCoA, and the SA it keys with are for
 * CAP_NET_ADMIN only (location privacy, RFC 4140 section 6.6): @whole
 * says whether the reader may see them.
 */
static int hmip_anchor_nl_binding_fill(struct sk_buff *msg,
				       const struct hmip_binding *b, bool whole)
{
	const struct hmip_anchor *a = hmip_anchor_of(b);
	u64 now = get_jiffies_64();
	long remaining = (long)(READ_ONCE(b->expires) - jiffies);
	struct hmip_sa_id sa;
	struct in6_addr lcoa;
	struct nlattr *nest;

	hmip_anchor_bcache_binding_lcoa(b, &lcoa);
	hmip_anchor_bcache_binding_sa(b, &sa);
	if (!whole)
		sa.proto = 0;
	nest = nla_nest_start(msg, HMIP_A_BINDING);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_BINDING_RCOA, &b->rcoa) ||
	    (whole && nla_put_in6_addr(msg, HMIP_A_BINDING_LCOA, &lcoa)) ||
	    nla_put_in6_addr(msg, HMIP_A_BINDING_MAP, &a->addr) ||
	    nla_put_u8(msg, HMIP_A_BINDING_ROLE, a->an->ops->role) ||
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
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_DADDR, &a->addr) ||
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_PEER, &sa.peer) ||
	      nla_put_u32(msg, HMIP_A_BINDING_SA_REQID, sa.reqid)))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* An event message for any group. Context: any; GFP_ATOMIC. */
static int hmip_anchor_nl_binding_event_fill(struct sk_buff *msg,
					     const void *b, bool whole)
{
	return hmip_anchor_nl_binding_fill(msg, b, whole);
}

/**
 * hmip_anchor_nl_binding_event - announce a change of a binding
 * @hn: hmip state of the netns
 * @b: the binding, as it is after the change
 * @event: one of the %HMIP_EVENT_BINDING_* values
 *
 * The role that decided calls it (&hmip_anchor_ops.event). Whole on the
 * group that needs CAP_NET_ADMIN, without the LCoA and the SA on the other.
 *
 * Context: any; the cache's lock may be held.
 */
void hmip_anchor_nl_binding_event(struct hmip_net *hn,
				  const struct hmip_binding *b, u32 event)
{
	hmip_family_event_split(hn->net, event,
				hmip_anchor_nl_binding_event_fill, b);
}

static int hmip_anchor_nl_binding_attrs(struct genl_info *info,
					struct nlattr **tb)
{
	if (!info->attrs[HMIP_A_BINDING]) {
		memset(tb, 0, sizeof(*tb) * (HMIP_A_BINDING_MAX + 1));
		return 0;
	}
	return nla_parse_nested(tb, HMIP_A_BINDING_MAX,
				info->attrs[HMIP_A_BINDING],
				hmip_binding_policy, info->extack);
}

/* The binding nest of @info, which names its RCoA (home address). */
static int hmip_anchor_nl_binding_rcoa(struct genl_info *info,
				       struct nlattr **tb,
				       struct in6_addr *rcoa)
{
	int err;

	err = hmip_anchor_nl_binding_attrs(info, tb);
	if (err)
		return err;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		GENL_SET_ERR_MSG(info, "the binding's RCoA is missing");
		return -EINVAL;
	}
	*rcoa = nla_get_in6_addr(tb[HMIP_A_BINDING_RCOA]);
	return 0;
}

/* Whether the commands show @b: a deregistered binding, kept only to
 * refuse late updates (bu.c), is gone for the administrator.
 */
static bool hmip_anchor_nl_shown(const struct hmip_binding *b)
{
	return READ_ONCE(b->state) != HMIP_BINDING_DEREG;
}

/* The binding of @addr at whichever role holds it. Context: RCU. */
static struct hmip_binding *hmip_anchor_nl_lookup(struct hmip_net *hn,
						  const struct in6_addr *addr,
						  struct hmip_anchor_net **anp)
{
	struct hmip_anchor_net *an;
	struct hmip_binding *b;
	int role;

	for (role = 0; role <= HMIP_ROLE_MAX; role++) {
		an = hn->anchors[role];
		if (!an)
			continue;
		b = hmip_anchor_bcache_lookup(&an->bcache, addr);
		if (b && hmip_anchor_nl_shown(b)) {
			*anp = an;
			return b;
		}
	}
	return NULL;
}

int hmip_anchor_nl_binding_get_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	const struct hmip_binding *b;
	struct hmip_anchor_net *an;
	struct in6_addr rcoa;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_anchor_nl_binding_rcoa(info, tb, &rcoa);
	if (err)
		return err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0,
				HMIP_CMD_BINDING_GET);
	rcu_read_lock();
	b = hmip_anchor_nl_lookup(hn, &rcoa, &an);
	if (!b) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
				    "no binding for this RCoA");
		err = -ENOENT;
	} else {
		err = hdr ? hmip_anchor_nl_binding_fill(msg, b,
						hmip_family_whole(skb, hn->net)) :
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

/* A dump walks each role's hash table in turn, across calls; cb->args[0]
 * holds the walker, the role it is in, whether an anchor filter applies,
 * and what the requester may see (decided once, by the request's sender).
 */
struct hmip_anchor_nl_dump {
	struct rhashtable_iter iter;
	struct hmip_net *hn;
	int role;
	bool walking;
	bool filter;
	bool whole;
	struct in6_addr anchor;
};

/* Enter the table of the next role that has one, from d->role on. */
static void hmip_anchor_nl_dump_enter(struct hmip_anchor_nl_dump *d)
{
	for (; d->role <= HMIP_ROLE_MAX; d->role++) {
		if (d->hn->anchors[d->role]) {
			rhashtable_walk_enter(&d->hn->anchors[d->role]->bcache.ht,
					      &d->iter);
			d->walking = true;
			return;
		}
	}
}

int hmip_anchor_nl_binding_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_anchor_nl_dump *d;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->hn = hmip_net(sock_net(cb->skb->sk));
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
			d->anchor = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		}
	}
	d->whole = hmip_family_whole(cb->skb, d->hn->net);
	hmip_anchor_nl_dump_enter(d);
	cb->args[0] = (long)d;
	return 0;
}

int hmip_anchor_nl_binding_dump_done(struct netlink_callback *cb)
{
	struct hmip_anchor_nl_dump *d = (void *)cb->args[0];

	if (d) {
		if (d->walking)
			rhashtable_walk_exit(&d->iter);
		kfree(d);
	}
	return 0;
}

/* One table from where the walk stands: false when @skb is full. */
static bool hmip_anchor_nl_dump_table(struct sk_buff *skb,
				      struct netlink_callback *cb,
				      struct hmip_anchor_nl_dump *d)
{
	struct hmip_binding *b;
	bool room = true;
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
		if (hmip_anchor_nl_shown(b) &&
		    (!d->filter ||
		     ipv6_addr_equal(&hmip_anchor_of(b)->addr, &d->anchor))) {
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &hmip_family,
					  NLM_F_MULTI, HMIP_CMD_BINDING_GET);
			if (!hdr) {
				room = false;
				break;
			}
			if (hmip_anchor_nl_binding_fill(skb, b, d->whole)) {
				genlmsg_cancel(skb, hdr);
				room = false;
				break;
			}
			genlmsg_end(skb, hdr);
		}
		/* Only now past it: a full skb retries it next time. */
		rhashtable_walk_next(&d->iter);
	}
	rhashtable_walk_stop(&d->iter);
	return room;
}

int hmip_anchor_nl_binding_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct hmip_anchor_nl_dump *d = (void *)cb->args[0];

	while (d->walking && hmip_anchor_nl_dump_table(skb, cb, d)) {
		rhashtable_walk_exit(&d->iter);
		d->walking = false;
		d->role++;
		hmip_anchor_nl_dump_enter(d);
	}
	return skb->len;
}

int hmip_anchor_nl_binding_del_doit(struct sk_buff *skb,
				    struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_anchor_net *an;
	struct hmip_binding *b;
	struct in6_addr rcoa;
	int role, err;

	err = hmip_anchor_nl_binding_rcoa(info, tb, &rcoa);
	if (err)
		return err;

	for (role = 0; role <= HMIP_ROLE_MAX; role++) {
		an = hn->anchors[role];
		if (!an)
			continue;
		/* The lookup is an RCU reader even with the lock held
		 * (PROVE_RCU).
		 */
		rcu_read_lock();
		spin_lock_bh(&an->bcache.lock);
		b = hmip_anchor_bcache_lookup(&an->bcache, &rcoa);
		if (b && !hmip_anchor_nl_shown(b))
			b = NULL;
		if (b)
			hmip_anchor_bcache_delete(&an->bcache, b,
						  HMIP_BINDING_GONE_DELETED);
		spin_unlock_bh(&an->bcache.lock);
		rcu_read_unlock();
		if (b)
			return 0;
	}
	NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
			    "no binding for this RCoA");
	return -ENOENT;
}

/* The anchors live while the command runs: they change only under the
 * genl mutex, which every command holds.
 */
int hmip_anchor_nl_binding_flush_doit(struct sk_buff *skb,
				      struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_anchor *a = NULL;
	struct hmip_anchor_net *an;
	struct in6_addr addr;
	int role, err;

	err = hmip_anchor_nl_binding_attrs(info, tb);
	if (err)
		return err;

	if (tb[HMIP_A_BINDING_MAP]) {
		addr = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		rcu_read_lock();
		for (role = 0; role <= HMIP_ROLE_MAX && !a; role++)
			if (hn->anchors[role])
				a = hn->anchors[role]->ops->lookup(hn->anchors[role],
								   &addr);
		rcu_read_unlock();
		if (!a) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[HMIP_A_BINDING_MAP],
					    "no MAP or home agent with this address");
			return -ENOENT;
		}
		hmip_anchor_bcache_flush(&a->an->bcache, a,
					 HMIP_BINDING_GONE_DELETED);
		return 0;
	}
	for (role = 0; role <= HMIP_ROLE_MAX; role++) {
		an = hn->anchors[role];
		if (an)
			hmip_anchor_bcache_flush(&an->bcache, NULL,
						 HMIP_BINDING_GONE_DELETED);
	}
	return 0;
}
