import type { ColumnType, JsonValue } from '../model/record-batch.js';

/*
 * Validated filter settings, one interface per `type`. Keys keep the reference's snake_case names so a
 * load.yml maps onto them one to one. Optional keys stay optional: defaults are applied by the filters,
 * so a saved config round-trips without injected defaults.
 */

/** A column of the `column` filter's `columns` / `add_columns`. */
export interface ColumnFilterColumn {
  readonly name: string;
  /** Copy the values of this input column (retained under `name`). */
  readonly src?: string;
  readonly type?: ColumnType;
  /** Constant for an added column; for a retained column, replaces NULL. */
  readonly default?: JsonValue;
  readonly format?: string;
  readonly timezone?: string;
}

export interface ColumnFilterSpec {
  readonly type: 'column';
  readonly columns?: readonly ColumnFilterColumn[];
  readonly add_columns?: readonly ColumnFilterColumn[];
  readonly drop_columns?: readonly { readonly name: string }[];
  readonly default_timestamp_format?: string;
  readonly default_timezone?: string;
}

export interface ExpandedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly format?: string;
  readonly timezone?: string;
}

export interface ExpandJsonFilterSpec {
  readonly type: 'expand_json';
  readonly json_column_name: string;
  /** JSONPath prefix of every expanded column (default `$.`). */
  readonly root?: string;
  readonly expanded_columns: readonly ExpandedColumn[];
  readonly keep_expanding_json_column?: boolean;
  readonly default_timezone?: string;
  readonly default_timestamp_format?: string;
  /** Fail the import on a value that is not JSON instead of emitting NULLs. */
  readonly stop_on_invalid_record?: boolean;
}

export const DIGEST_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

export interface DigestColumn {
  readonly name: string;
  readonly algorithm?: DigestAlgorithm;
  /** Keep the original column and add the digest under this name, right after it. */
  readonly new_name?: string;
}

export interface DigestFilterSpec {
  readonly type: 'digest';
  readonly columns: readonly DigestColumn[];
  /** Default algorithm of the columns (SHA-256). */
  readonly algorithm?: DigestAlgorithm;
  /** When set, an HMAC with this key instead of a plain digest. A secret: never logged. */
  readonly hmac_key?: string;
}

export const TIME_UNITS = ['sec', 'milli', 'micro', 'nano'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** How add_time reads a time given as text or as a number (embulk-filter-add_time's keys). */
export interface TimeReadOptions {
  /** strftime format of text values (default `%Y-%m-%d %H:%M:%S %z`, as embulk-filter-add_time). */
  readonly timestamp_format?: string;
  readonly default_timestamp_format?: string;
  /** IANA zone of text values without an offset (default UTC). */
  readonly timezone?: string;
  readonly default_timezone?: string;
  /** Unit of numeric values (default sec). */
  readonly unix_timestamp_unit?: TimeUnit;
}

export interface AddTimeFilterSpec {
  readonly type: 'add_time';
  readonly to_column: {
    readonly name: string;
    /** Default timestamp. */
    readonly type?: 'timestamp' | 'long';
    /** Unit of a long column (default sec); `unix_timestamp_unit` is the reference's spelling of the same key. */
    readonly unit?: TimeUnit;
    readonly unix_timestamp_unit?: TimeUnit;
  };
  readonly from_column?: TimeReadOptions & { readonly name: string };
  readonly from_value?: TimeReadOptions & {
    /** Default fixed_time, as the reference. */
    readonly mode?: 'fixed_time' | 'incremental_time' | 'upload_time';
    readonly value?: string | number;
    readonly from?: string | number;
    readonly to?: string | number;
  };
}

export const CHARACTER_TYPES = ['a-z', 'A-Z', '0-9'] as const;
export type CharacterType = (typeof CHARACTER_TYPES)[number];

export type RenameRule =
  | { readonly rule: 'upper_to_lower' }
  | { readonly rule: 'lower_to_upper' }
  | {
      readonly rule: 'character_types';
      readonly pass_types?: readonly CharacterType[];
      readonly pass_characters?: string;
      readonly replace?: string;
    }
  | { readonly rule: 'regex_replace'; readonly match: string; readonly replace: string }
  | { readonly rule: 'truncate'; readonly max_length?: number }
  | {
      readonly rule: 'first_character_types';
      readonly pass_types?: readonly CharacterType[];
      readonly pass_characters?: string;
      readonly prefix?: string;
      readonly replace?: string;
    }
  | {
      readonly rule: 'unique_number_suffix';
      readonly delimiter?: string;
      readonly digits?: number;
      readonly max_length?: number;
      readonly offset?: number;
    };

export interface RenameFilterSpec {
  readonly type: 'rename';
  /** {old: new}; applied before `rules`. */
  readonly columns?: Readonly<Record<string, string>>;
  readonly rules?: readonly RenameRule[];
}

export type KnownFilterSpec = ColumnFilterSpec | ExpandJsonFilterSpec | DigestFilterSpec | AddTimeFilterSpec | RenameFilterSpec;
