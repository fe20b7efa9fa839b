/**
 * Alerts: the inbox of alerts raised by the rules (live), and the rules themselves — read by
 * everyone, written by the CX team (admin, cx).
 */
import type { TMe } from '../../api.js';
import { AlertInbox } from './AlertInbox.js';
import { RulesPanel } from './RulesPanel.js';
import './alerts.css';

export function AlertsScene({ me }: { me: TMe }) {
  const editor = me.role === 'admin' || me.role === 'cx';
  return (
    <>
      <header className="scene-head">
        <h2>Alerts</h2>
      </header>
      <AlertInbox me={me} />
      <RulesPanel editor={editor} />
    </>
  );
}
