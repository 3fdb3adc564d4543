// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP option (RFC 4140 section 5): encoding and validation.
 */

#include <asm/unaligned.h>
#include <linux/build_bug.h>
#include <linux/kernel.h>

#include "nd/map_opt.h"

static_assert(sizeof(struct hmip_map_opt) == HMIP_MAP_OPT_LEN * 8);

/**
 * hmip_nd_map_opt_fill - encode a MAP option
 * @opt: where to write it, 24 octets
 * @info: what it says; Dist and Pref are taken modulo 16
 *
 * The reserved bits are written as zero.
 */
void hmip_nd_map_opt_fill(struct hmip_map_opt *opt,
			  const struct hmip_map_info *info)
{
	opt->type = HMIP_ND_OPT_MAP;
	opt->len = HMIP_MAP_OPT_LEN;
	opt->dist_pref = (info->dist & 0xf) << 4 | (info->pref & 0xf);
	opt->flags = info->rflag ? HMIP_MAP_OPT_R : 0;
	opt->valid_lifetime = htonl(info->valid_lifetime);
	opt->addr = info->addr;
}

/**
 * hmip_nd_map_opt_parse - decode and check a received MAP option
 * @opt: the option, from its Type octet on
 * @optlen: octets of it that are present (its Length times 8 at most)
 * @info: the decoded option, when valid
 *
 * Valid means Length 3, all 24 octets present, and Dist not zero (section
 * 5: "A Distance value of Zero MUST NOT be used"). Reserved bits are
 * ignored, as the RFC's later revisions of the field would need.
 *
 * Return: true when @opt is a valid MAP option.
 */
bool hmip_nd_map_opt_parse(const u8 *opt, unsigned int optlen,
			   struct hmip_map_info *info)
{
	const struct hmip_map_opt *m = (const struct hmip_map_opt *)opt;

	if (optlen < sizeof(*m) || m->type != HMIP_ND_OPT_MAP ||
	    m->len != HMIP_MAP_OPT_LEN)
		return false;
	info->dist = m->dist_pref >> 4;
	if (!info->dist)
		return false;
	info->pref = m->dist_pref & 0xf;
	info->rflag = m->flags & HMIP_MAP_OPT_R;
	info->valid_lifetime = get_unaligned_be32(&m->valid_lifetime);
	info->addr = m->addr;
	return true;
}
