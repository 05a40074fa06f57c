// Registers the console's elements, and nothing else: the classes stay importable
// without side effects (tests, or a host with its own tag names).
import { AduanConsole } from './app/app.component.js';
import { AduanConsoleDeliveries } from './deliveries/deliveries.component.js';
import { AduanConsoleInbox } from './inbox/inbox.component.js';
import { AduanConsoleLogin } from './login/login.component.js';
import { AduanConsolePassword } from './password/password.component.js';
import { AduanConsoleReport } from './report/report.component.js';
import { AduanConsoleStatistics } from './statistics/statistics.component.js';

const elements: Record<string, CustomElementConstructor> = {
  'aduan-console': AduanConsole,
  'aduan-console-login': AduanConsoleLogin,
  'aduan-console-password': AduanConsolePassword,
  'aduan-console-inbox': AduanConsoleInbox,
  'aduan-console-report': AduanConsoleReport,
  'aduan-console-statistics': AduanConsoleStatistics,
  'aduan-console-deliveries': AduanConsoleDeliveries,
};
for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-console': AduanConsole;
    'aduan-console-login': AduanConsoleLogin;
    'aduan-console-password': AduanConsolePassword;
    'aduan-console-inbox': AduanConsoleInbox;
    'aduan-console-report': AduanConsoleReport;
    'aduan-console-statistics': AduanConsoleStatistics;
    'aduan-console-deliveries': AduanConsoleDeliveries;
  }
}
