/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MAP option of Neighbour Discovery (RFC 4140 section 5): its wire
 * format and its validation, shared by every role that sends or reads
 * router advertisements (access router, mobile node).
 */
#ifndef _HMIP_ND_MAP_OPT_H
#define _HMIP_ND_MAP_OPT_H

#include <linux/in6.h>
#include <linux/types.h>

#define HMIP_ND_OPT_MAP		23
#define HMIP_MAP_OPT_LEN	3	/* in units of 8 octets */
#define HMIP_MAP_OPT_R		0x80
#define HMIP_MAP_OPT_DIST_MAX	15
#define HMIP_MAP_OPT_PREF_MAX	15
#define HMIP_MAP_OPT_INFINITY	0xffffffffU

/**
 * struct hmip_map_opt - the option as it is on the wire
 * @type: %HMIP_ND_OPT_MAP
 * @len: %HMIP_MAP_OPT_LEN
 * @dist_pref: Dist in the high four bits, Pref in the low four
 * @flags: R (%HMIP_MAP_OPT_R); the other bits are reserved
 * @valid_lifetime: seconds
 * @addr: one of the MAP's global addresses
 */
struct hmip_map_opt {
	u8 type;
	u8 len;
	u8 dist_pref;
	u8 flags;
	__be32 valid_lifetime;
	struct in6_addr addr;
} __packed;

/**
 * struct hmip_map_info - a MAP option, decoded
 * @addr: the MAP's address
 * @dist: 1-15
 * @pref: 0-15
 * @rflag: R was set
 * @valid_lifetime: seconds
 */
struct hmip_map_info {
	struct in6_addr addr;
	u8 dist;
	u8 pref;
	bool rflag;
	u32 valid_lifetime;
};

void hmip_nd_map_opt_fill(struct hmip_map_opt *opt,
			  const struct hmip_map_info *info);
bool hmip_nd_map_opt_parse(const u8 *opt, unsigned int optlen,
			   struct hmip_map_info *info);

#endif /* _HMIP_ND_MAP_OPT_H */
