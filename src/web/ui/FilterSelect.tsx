/**
 * A filter of a screen as a labelled select: first the empty value, which means "no filter"
 * ("All teams"), then the choices. It only shows and reports the choice; where the choice is
 * kept (the address, as a rule) is the screen's business.
 */
export function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
  named = false,
}: {
  label: string;
  /** What the empty value reads: "All teams", "First month". */
  all: string;
  /** The chosen value; `undefined` for none. */
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  /** Names the select by `label` alone (aria-label), without the chosen option's text. */
  named?: boolean;
}) {
  return (
    <label>
      {label}
      <select
        aria-label={named ? label : undefined}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
