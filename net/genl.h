/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command table of the "hmip" family (genl.c), registered by main.c.
 */
#ifndef _HMIP_GENL_H
#define _HMIP_GENL_H

int hmip_genl_module_init(void);
void hmip_genl_module_exit(void);

#endif /* _HMIP_GENL_H */
