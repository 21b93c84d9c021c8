/**
 * Discord's documented limits, checked on every body the fake receives.
 * Lengths are counted in Unicode code points.
 */
import type { FieldError } from './errors.ts';

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  componentsV2Total: 40,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  chatInputCommands: 100,
  contextMenuCommands: 15,
  commandTotalChars: 4000,
  autocompleteChoices: 25,
  modalTitle: 45,
  allowedMentionsIds: 100,
} as const;

/** Chat-input command and option names (the brief's rule; must also be lower case). */
export const COMMAND_NAME_RE = /^[-_\p{L}\p{N}]{1,32}$/u;

const IS_COMPONENTS_V2 = 1 << 15;

type Path = Array<string | number>;
type Obj = Record<string, unknown>;

export function isRecord(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

class Collector {
  readonly errors: FieldError[] = [];
  add(path: Path, code: string, message: string): void {
    this.errors.push({ path: [...path], code, message });
  }
  /** Optional string of at most `max` (and at least `min`) code points. */
  str(value: unknown, path: Path, max: number, min = 0, required = false): number {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return 0;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return 0;
    }
    const n = textLength(value);
    if (n > max || n < min) {
      if (min > 0) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
      else this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
    return n;
  }
  arr(value: unknown, path: Path, max: number, min = 0): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
      return [];
    }
    if (value.length > max || value.length < min) {
      if (min > 0) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
      else this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
    return value;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface MessageCheck {
  errors: FieldError[];
  /** True when the body would create a message with nothing in it (Discord answers 50006). */
  empty: boolean;
}

/**
 * Checks a create/edit message body (channel messages, interaction callback data, webhooks).
 * `create` makes an empty message an error; edits may be partial.
 */
export function validateMessageBody(
  body: unknown,
  options: { create: boolean; hasFiles?: boolean },
): MessageCheck {
  const c = new Collector();
  if (!isRecord(body)) {
    c.add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return { errors: c.errors, empty: false };
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  const contentLength = c.str(body.content, ['content'], Limits.content);
  if (v2 && contentLength > 0)
    c.add(
      ['content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );

  const embeds = c.arr(body.embeds, ['embeds'], Limits.embeds);
  if (v2 && embeds.length > 0)
    c.add(
      ['embeds'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  let total = 0;
  embeds.forEach((embed, i) => {
    total += validateEmbed(c, embed, ['embeds', i]);
  });
  if (total > Limits.embedTotal) {
    c.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  }

  const components = validateComponents(c, body.components, v2);
  validateAllowedMentions(c, body.allowed_mentions);

  const attachments = Array.isArray(body.attachments) ? body.attachments.length : 0;
  const stickers = Array.isArray(body.sticker_ids) ? body.sticker_ids.length : 0;
  const empty =
    options.create &&
    contentLength === 0 &&
    embeds.length === 0 &&
    components === 0 &&
    attachments === 0 &&
    stickers === 0 &&
    !options.hasFiles &&
    body.poll === undefined;
  return { errors: c.errors, empty };
}

function validateEmbed(c: Collector, embed: unknown, path: Path): number {
  if (!isRecord(embed)) {
    c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = 0;
  total += c.str(embed.title, [...path, 'title'], Limits.embedTitle);
  total += c.str(embed.description, [...path, 'description'], Limits.embedDescription);
  if (
    embed.url !== undefined &&
    embed.url !== null &&
    (typeof embed.url !== 'string' || !/^https?:\/\//.test(embed.url))
  ) {
    c.add([...path, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
  if (embed.color !== undefined && embed.color !== null) {
    if (
      typeof embed.color !== 'number' ||
      !Number.isInteger(embed.color) ||
      embed.color < 0 ||
      embed.color > 0xffffff
    ) {
      c.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  if (embed.timestamp !== undefined && embed.timestamp !== null) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      c.add([...path, 'timestamp'], 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
    }
  }
  if (embed.footer !== undefined && embed.footer !== null) {
    const footer = isRecord(embed.footer) ? embed.footer : {};
    total += c.str(footer.text, [...path, 'footer', 'text'], Limits.embedFooter, 1, true);
  }
  if (embed.author !== undefined && embed.author !== null) {
    const author = isRecord(embed.author) ? embed.author : {};
    total += c.str(author.name, [...path, 'author', 'name'], Limits.embedAuthor, 1, true);
  }
  const fields = c.arr(embed.fields, [...path, 'fields'], Limits.embedFields);
  fields.forEach((field, j) => {
    const fieldPath = [...path, 'fields', j];
    if (!isRecord(field)) {
      c.add(fieldPath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    total += c.str(field.name, [...fieldPath, 'name'], Limits.embedFieldName, 1, true);
    total += c.str(field.value, [...fieldPath, 'value'], Limits.embedFieldValue, 1, true);
  });
  return total;
}

function validateAllowedMentions(c: Collector, value: unknown): void {
  if (value === undefined || value === null) return;
  const path = ['allowed_mentions'];
  if (!isRecord(value)) {
    c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const parse = c.arr(value.parse, [...path, 'parse'], 3);
  parse.forEach((p, i) => {
    if (p !== 'roles' && p !== 'users' && p !== 'everyone') {
      c.add(
        [...path, 'parse', i],
        'BASE_TYPE_CHOICES',
        "Value must be one of {'roles', 'users', 'everyone'}.",
      );
    }
  });
  const users = c.arr(value.users, [...path, 'users'], Limits.allowedMentionsIds);
  const roles = c.arr(value.roles, [...path, 'roles'], Limits.allowedMentionsIds);
  if (parse.includes('users') && users.length > 0) {
    c.add(
      [...path, 'parse'],
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["users"] and users: [ids...] are mutually exclusive.',
    );
  }
  if (parse.includes('roles') && roles.length > 0) {
    c.add(
      [...path, 'parse'],
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["roles"] and roles: [ids...] are mutually exclusive.',
    );
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/** Returns how many components there are (0 if none). */
function validateComponents(c: Collector, value: unknown, v2: boolean): number {
  if (value === undefined || value === null) return 0;
  const ids = new Map<string, Path>();
  if (v2) {
    const list = c.arr(value, ['components'], Limits.componentsV2Total);
    let count = 0;
    const walk = (items: unknown[], path: Path): void => {
      items.forEach((item, i) => {
        count++;
        const p = [...path, i];
        if (!isRecord(item)) return;
        validateInteractive(c, item, p, ids);
        if (Array.isArray(item.components)) walk(item.components, [...p, 'components']);
        if (isRecord(item.accessory)) {
          count++;
          validateInteractive(c, item.accessory, [...p, 'accessory'], ids);
        }
      });
    };
    walk(list, ['components']);
    if (count > Limits.componentsV2Total) {
      c.add(
        ['components'],
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${Limits.componentsV2Total} or fewer in length.`,
      );
    }
    return count;
  }
  const rows = c.arr(value, ['components'], Limits.actionRows);
  rows.forEach((row, i) => {
    const rowPath: Path = ['components', i];
    if (!isRecord(row) || row.type !== 1) {
      c.add(
        [...rowPath, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of (1,). Top-level components must be action rows.',
      );
      return;
    }
    const children = c.arr(row.components, [...rowPath, 'components'], Limits.rowButtons, 1);
    if (row.components === undefined)
      c.add([...rowPath, 'components'], 'BASE_TYPE_REQUIRED', 'This field is required');
    const hasSelect = children.some((child) => isRecord(child) && SELECT_TYPES.has(Number(child.type)));
    if (hasSelect && children.length > 1) {
      c.add(
        [...rowPath, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child, j) => {
      const childPath = [...rowPath, 'components', j];
      if (!isRecord(child)) {
        c.add(childPath, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
        return;
      }
      if (child.type !== 2 && !SELECT_TYPES.has(Number(child.type))) {
        c.add(
          [...childPath, 'type'],
          'COMPONENT_TYPE_INVALID',
          'Component type is not valid in an action row',
        );
      }
      validateInteractive(c, child, childPath, ids);
    });
  });
  return rows.length;
}

function validateInteractive(c: Collector, item: Obj, path: Path, ids: Map<string, Path>): void {
  const checkCustomId = (): void => {
    c.str(item.custom_id, [...path, 'custom_id'], Limits.customId, 1, true);
    if (typeof item.custom_id === 'string') {
      if (ids.has(item.custom_id)) {
        c.add(
          [...path, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      }
      ids.set(item.custom_id, path);
    }
  };
  if (item.type === 2) {
    const style = item.style;
    if (typeof style !== 'number' || style < 1 || style > 6) {
      c.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4, 5, 6).');
    }
    c.str(item.label, [...path, 'label'], Limits.buttonLabel);
    if (style === 5) {
      if (typeof item.url !== 'string' || !/^(https?|discord):\/\//.test(item.url)) {
        c.add([...path, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A url is required');
      }
      if (item.custom_id !== undefined) {
        c.add(
          [...path, 'custom_id'],
          'BUTTON_COMPONENT_CUSTOM_ID_CANNOT_HAVE',
          'A custom id cannot be specified',
        );
      }
    } else if (style === 6) {
      if (typeof item.sku_id !== 'string')
        c.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    } else {
      checkCustomId();
      if (item.label === undefined && item.emoji === undefined) {
        c.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
      }
    }
  } else if (SELECT_TYPES.has(Number(item.type))) {
    checkCustomId();
    c.str(item.placeholder, [...path, 'placeholder'], Limits.selectPlaceholder);
    for (const key of ['min_values', 'max_values'] as const) {
      const v = item[key];
      if (v !== undefined && (typeof v !== 'number' || v < (key === 'min_values' ? 0 : 1) || v > 25)) {
        c.add([...path, key], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 25.');
      }
    }
    if (item.type === 3) {
      const options = c.arr(item.options, [...path, 'options'], Limits.selectOptions, 1);
      if (item.options === undefined)
        c.add([...path, 'options'], 'BASE_TYPE_REQUIRED', 'This field is required');
      options.forEach((option, k) => {
        const op = [...path, 'options', k];
        const o = isRecord(option) ? option : {};
        c.str(o.label, [...op, 'label'], Limits.selectOptionText, 1, true);
        c.str(o.value, [...op, 'value'], Limits.selectOptionText, 1, true);
        c.str(o.description, [...op, 'description'], Limits.selectOptionText);
      });
    }
  } else if (item.type === 4) {
    checkCustomId();
    c.str(item.label, [...path, 'label'], 45);
    c.str(item.placeholder, [...path, 'placeholder'], 100);
  }
}

// ---------------------------------------------------------------------------------------------
// Application commands

/** Validates a bulk-overwrite body (`PUT /applications/:id[/guilds/:gid]/commands`). */
export function validateCommandList(body: unknown): FieldError[] {
  const c = new Collector();
  if (!Array.isArray(body)) {
    c.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return c.errors;
  }
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  body.forEach((command, i) => {
    validateCommand(c, command, [i]);
    if (!isRecord(command)) return;
    const type = typeof command.type === 'number' ? command.type : 1;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${type}:${String(command.name)}`;
    if (seen.has(key)) {
      c.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    }
    seen.add(key);
  });
  if ((perType.get(1) ?? 0) > Limits.chatInputCommands) {
    c.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${Limits.chatInputCommands} or fewer in length.`);
  }
  for (const type of [2, 3]) {
    if ((perType.get(type) ?? 0) > Limits.contextMenuCommands) {
      c.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${Limits.contextMenuCommands} or fewer in length.`);
    }
  }
  return c.errors;
}

/** Validates one command (`POST /applications/:id/commands`). */
export function validateSingleCommand(body: unknown): FieldError[] {
  const c = new Collector();
  validateCommand(c, body, []);
  return c.errors;
}

function checkName(
  c: Collector,
  name: unknown,
  path: Path,
  chatInput: boolean,
  what: 'command' | 'option',
): number {
  if (typeof name !== 'string') {
    c.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (chatInput) {
    if (!COMMAND_NAME_RE.test(name) || name !== name.toLowerCase()) {
      c.add(
        path,
        what === 'command' ? 'APPLICATION_COMMAND_INVALID_NAME' : 'APPLICATION_COMMAND_OPTION_INVALID_NAME',
        `${what === 'command' ? 'Command' : 'Option'} name is invalid`,
      );
    }
  } else {
    c.str(name, path, Limits.commandName, 1, true);
  }
  return textLength(name);
}

function validateCommand(c: Collector, command: unknown, path: Path): void {
  if (!isRecord(command)) {
    c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  const type = command.type === undefined ? 1 : command.type;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    c.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).');
    return;
  }
  const chatInput = type === 1;
  let total = checkName(c, command.name, [...path, 'name'], chatInput, 'command');
  if (isRecord(command.name_localizations)) {
    for (const [locale, value] of Object.entries(command.name_localizations)) {
      if (value !== null) checkName(c, value, [...path, 'name_localizations', locale], chatInput, 'command');
    }
  }
  if (chatInput) {
    total += c.str(command.description, [...path, 'description'], Limits.commandDescription, 1, true);
    if (isRecord(command.description_localizations)) {
      for (const [locale, value] of Object.entries(command.description_localizations)) {
        if (value !== null)
          c.str(value, [...path, 'description_localizations', locale], Limits.commandDescription, 1);
      }
    }
    total += validateOptions(c, command.options, [...path, 'options'], 'top');
  } else {
    if (typeof command.description === 'string' && command.description !== '') {
      c.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have a description',
      );
    }
    if (Array.isArray(command.options) && command.options.length > 0) {
      c.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        'Context menu commands cannot have options',
      );
    }
  }
  const dmp = command.default_member_permissions;
  if (dmp !== undefined && dmp !== null && (typeof dmp !== 'string' || !/^\d+$/.test(dmp))) {
    c.add(
      [...path, 'default_member_permissions'],
      'BASE_TYPE_NUMBER',
      'Must be a permission bitfield string',
    );
  }
  if (total > Limits.commandTotalChars) {
    c.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${Limits.commandTotalChars})`,
    );
  }
}

const CHOICE_TYPES = new Set([3, 4, 10]);

/** Returns the character count that counts towards the 4000-character command total. */
function validateOptions(c: Collector, value: unknown, path: Path, level: 'top' | 'group' | 'sub'): number {
  const options = c.arr(value, path, Limits.commandOptions);
  let total = 0;
  const names = new Set<string>();
  let sawOptional = false;
  const kinds = new Set<'sub' | 'plain'>();
  options.forEach((option, i) => {
    const op = [...path, i];
    if (!isRecord(option)) {
      c.add(op, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    const type = option.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
      c.add(
        [...op, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).',
      );
      return;
    }
    total += checkName(c, option.name, [...op, 'name'], true, 'option');
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        c.add(
          [...op, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      names.add(option.name);
    }
    total += c.str(option.description, [...op, 'description'], Limits.commandDescription, 1, true);
    const isSub = type === 1 || type === 2;
    kinds.add(isSub ? 'sub' : 'plain');
    if (type === 2 && level !== 'top') {
      c.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-command groups can only be top-level options',
      );
    }
    if (type === 1 && level === 'sub') {
      c.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-commands cannot be nested in sub-commands',
      );
    }
    if (level === 'group' && type !== 1) {
      c.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-command groups can only contain sub-commands',
      );
    }
    if (isSub) {
      if (option.required !== undefined && option.required !== false) {
        c.add(
          [...op, 'required'],
          'APPLICATION_COMMAND_OPTION_REQUIRED_INVALID',
          'Sub-commands cannot be required',
        );
      }
      total += validateOptions(c, option.options, [...op, 'options'], type === 2 ? 'group' : 'sub');
      return;
    }
    if (option.required === true) {
      if (sawOptional) {
        c.add(
          [...op, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
    } else {
      sawOptional = true;
    }
    const choices = c.arr(option.choices, [...op, 'choices'], Limits.commandChoices);
    if (choices.length > 0 && !CHOICE_TYPES.has(type)) {
      c.add(
        [...op, 'choices'],
        'APPLICATION_COMMAND_OPTION_CHOICES_INVALID',
        'Choices are only allowed for string, integer and number options',
      );
    }
    if (option.autocomplete === true) {
      if (!CHOICE_TYPES.has(type)) {
        c.add(
          [...op, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
          'Autocomplete is only allowed for string, integer and number options',
        );
      }
      if (choices.length > 0) {
        c.add(
          [...op, 'autocomplete'],
          'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
          'Autocomplete and choices are mutually exclusive',
        );
      }
    }
    choices.forEach((choice, k) => {
      total += validateChoice(c, choice, [...op, 'choices', k], type);
    });
    for (const key of ['min_value', 'max_value'] as const) {
      if (option[key] !== undefined && type !== 4 && type !== 10) {
        c.add(
          [...op, key],
          'APPLICATION_COMMAND_OPTION_INVALID',
          `${key} is only allowed for integer and number options`,
        );
      }
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = option[key];
      if (v === undefined) continue;
      if (type !== 3) {
        c.add(
          [...op, key],
          'APPLICATION_COMMAND_OPTION_INVALID',
          `${key} is only allowed for string options`,
        );
      } else if (typeof v !== 'number' || v < (key === 'min_length' ? 0 : 1) || v > 6000) {
        c.add([...op, key], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 6000.');
      }
    }
    if (option.channel_types !== undefined && type !== 7) {
      c.add(
        [...op, 'channel_types'],
        'APPLICATION_COMMAND_OPTION_INVALID',
        'channel_types is only allowed for channel options',
      );
    }
  });
  if (level === 'top' && kinds.size > 1) {
    c.add(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  return total;
}

function validateChoice(c: Collector, choice: unknown, path: Path, optionType: number): number {
  if (!isRecord(choice)) {
    c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = c.str(choice.name, [...path, 'name'], Limits.choiceName, 1, true);
  const value = choice.value;
  if (optionType === 3) {
    total += c.str(value, [...path, 'value'], Limits.choiceValue, 1, true);
  } else if (typeof value !== 'number' || (optionType === 4 && !Number.isInteger(value))) {
    c.add(
      [...path, 'value'],
      optionType === 4 ? 'BASE_TYPE_INTEGER' : 'BASE_TYPE_NUMBER',
      'Value is not a valid number.',
    );
  }
  return total;
}

/** Autocomplete result (`type: 8` callback data). */
export function validateAutocompleteData(data: unknown): FieldError[] {
  const c = new Collector();
  if (!isRecord(data)) {
    c.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return c.errors;
  }
  const choices = c.arr(data.choices, ['data', 'choices'], Limits.autocompleteChoices);
  if (data.choices === undefined) c.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  choices.forEach((choice, i) => {
    const path = ['data', 'choices', i];
    if (!isRecord(choice)) {
      c.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    c.str(choice.name, [...path, 'name'], Limits.choiceName, 1, true);
    if (typeof choice.value === 'string') c.str(choice.value, [...path, 'value'], Limits.choiceValue);
    else if (typeof choice.value !== 'number')
      c.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return c.errors;
}

/** Modal (`type: 9` callback data). */
export function validateModalData(data: unknown): FieldError[] {
  const c = new Collector();
  if (!isRecord(data)) {
    c.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return c.errors;
  }
  c.str(data.title, ['data', 'title'], Limits.modalTitle, 1, true);
  c.str(data.custom_id, ['data', 'custom_id'], Limits.customId, 1, true);
  const rows = c.arr(data.components, ['data', 'components'], 5, 1);
  if (data.components === undefined)
    c.add(['data', 'components'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const rowPath: Path = ['data', 'components', i];
    if (!isRecord(row) || row.type !== 1) {
      c.add([...rowPath, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 18).');
      return;
    }
    const inputs = c.arr(row.components, [...rowPath, 'components'], 1, 1);
    inputs.forEach((input, j) => {
      const p: Path = [...rowPath, 'components', j];
      const item = isRecord(input) ? input : {};
      if (item.type !== 4) {
        c.add([...p, 'type'], 'COMPONENT_TYPE_INVALID', 'Component type is not valid in a modal');
        return;
      }
      c.str(item.custom_id, [...p, 'custom_id'], Limits.customId, 1, true);
      if (typeof item.custom_id === 'string') {
        if (ids.has(item.custom_id))
          c.add(
            [...p, 'custom_id'],
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          );
        ids.add(item.custom_id);
      }
      c.str(item.label, [...p, 'label'], 45, 1, true);
      if (item.style !== 1 && item.style !== 2)
        c.add([...p, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2).');
      c.str(item.placeholder, [...p, 'placeholder'], 100);
      c.str(item.value, [...p, 'value'], 4000);
      for (const key of ['min_length', 'max_length'] as const) {
        const v = item[key];
        if (v !== undefined && (typeof v !== 'number' || v < (key === 'min_length' ? 0 : 1) || v > 4000))
          c.add([...p, key], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 4000.');
      }
    });
  });
  return c.errors;
}
