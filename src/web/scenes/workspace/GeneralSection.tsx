/** The workspace's name and description, and how its data is read. */
import { NumberField, TextField } from './fields.js';

export function GeneralSection() {
  return (
    <section className="panel entry-fields" aria-label="General">
      <TextField path="name" label="Name" />
      <TextField path="description" label="Description" className="wide-2" optional />
      <TextField path="settings.timezone" label="Time zone (IANA)" />
      <TextField path="settings.currency" label="Currency (ISO 4217)" />
      <NumberField path="settings.inactivityGapDays" label="Inactivity gap (days)" />
      <p className="muted wide">
        Friction detectors, feedback attribution and the cost model are edited in the YAML view.
      </p>
    </section>
  );
}
