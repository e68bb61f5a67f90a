/** The config file names looked up from the working directory upward. Kept apart from packs.ts
 *  so that `gkcheck init` (and --help) need not load ajv and the rule packs. */
export const CONFIG_NAMES = ['.gkcheckrc.yaml', '.gkcheckrc.yml'];
