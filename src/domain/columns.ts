/**
 * A column as the pure layer sees it: numbers (NaN = missing) or category codes into levels
 * (-1 = missing). The data layer's columns fit it as they are.
 */
export type NamedColumn =
  | { readonly kind: 'number'; readonly name: string; readonly values: ArrayLike<number> }
  | {
      readonly kind: 'category';
      readonly name: string;
      readonly codes: Int32Array;
      readonly levels: readonly string[];
    };
