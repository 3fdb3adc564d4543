// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: Hierarchical Mobile IPv6 (RFC 4140).
 */

#include <linux/module.h>

static int __init hmip_init(void)
{
	return 0;
}

static void __exit hmip_exit(void)
{
}

module_init(hmip_init);
module_exit(hmip_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hierarchical Mobile IPv6 (RFC 4140)");
MODULE_AUTHOR("hmip developers");
