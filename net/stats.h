/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns counters: one for every message type sent and received and one
 * for every reason a packet is dropped.
 */
#ifndef _HMIP_STATS_H
#define _HMIP_STATS_H

#include <net/snmp.h>

struct hmip_net;
struct sk_buff;

/* The names users see are in stats.c; they are ABI (tools and tests match
 * on them), so rename nothing. Documentation/counters.rst explains each.
 */
enum hmip_mib_field {
	HMIP_MIB_MH_RX,
	HMIP_MIB_MH_RX_BRR,
	HMIP_MIB_MH_RX_HOTI,
	HMIP_MIB_MH_RX_COTI,
	HMIP_MIB_MH_RX_HOT,
	HMIP_MIB_MH_RX_COT,
	HMIP_MIB_MH_RX_BU,
	HMIP_MIB_MH_RX_BA,
	HMIP_MIB_MH_RX_BE,
	HMIP_MIB_MH_RX_UNKNOWN_TYPE,
	HMIP_MIB_MH_DROP_TRUNCATED,
	HMIP_MIB_MH_DROP_BAD_CHECKSUM,
	HMIP_MIB_MH_DROP_BAD_PAYLOAD_PROTO,
	HMIP_MIB_MH_DROP_BAD_HEADER_LEN,
	HMIP_MIB_MH_DROP_NOMEM,
	HMIP_MIB_MH_DROP_UNHANDLED,
	HMIP_MIB_MH_TX_BE,
	HMIP_MIB_MH_TX_RATELIMITED,
	HMIP_MIB_MH_TX_NOT_UNICAST,
	HMIP_MIB_MH_TX_ERROR,
	HMIP_MIB_ICMP_TX_PARAM_PROBLEM,
	HMIP_MIB_MH_TX_BA,
	HMIP_MIB_MAP_BU_ACCEPTED,
	HMIP_MIB_MAP_BU_DEREGISTERED,
	HMIP_MIB_MAP_BU_DROP_BAD_OPTION,
	HMIP_MIB_MAP_BU_DROP_NO_HAO,
	HMIP_MIB_MAP_BU_DROP_NO_IPSEC,
	HMIP_MIB_MAP_BU_REJECT_PROHIBITED,
	HMIP_MIB_MAP_BU_REJECT_RESOURCES,
	HMIP_MIB_MAP_BU_REJECT_HOME_REG,
	HMIP_MIB_MAP_BU_REJECT_NOT_MAP_PREFIX,
	HMIP_MIB_MAP_BU_REJECT_NOT_MAP,
	HMIP_MIB_MAP_BU_REJECT_DUPLICATE,
	HMIP_MIB_MAP_BU_REJECT_SEQ,
	HMIP_MIB_BINDING_CREATED,
	HMIP_MIB_BINDING_DELETED,
	HMIP_MIB_BINDING_EXPIRED,
	HMIP_MIB_MAP_DAD_STARTED,
	HMIP_MIB_MAP_DAD_CONFLICT,

	__HMIP_MIB_MAX
};

struct hmip_mib {
	unsigned long mibs[__HMIP_MIB_MAX];
};

#define HMIP_INC_STATS(hn, field)	SNMP_INC_STATS((hn)->mib, HMIP_MIB_##field)
#define HMIP_ADD_STATS(hn, field, n)	SNMP_ADD_STATS((hn)->mib, HMIP_MIB_##field, n)

int hmip_stats_init(struct hmip_net *hn);
void hmip_stats_uninit(struct hmip_net *hn);
int hmip_stats_fill(struct hmip_net *hn, struct sk_buff *msg);

#endif /* _HMIP_STATS_H */
