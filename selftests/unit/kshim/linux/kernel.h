/* SPDX-License-Identifier: GPL-2.0 */
/* Native shim: see ../kshim.h */
#include "../kshim.h"
