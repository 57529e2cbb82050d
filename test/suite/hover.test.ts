import * as assert from 'assert';
import { hoverAt, hoverText, openSample, positionOf, waitFor } from './helpers';

suite('Hover', () => {
  test('a Blue Cedar header field (Sev) explains the severity and names the value', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const position = positionOf(doc, 'Sev:', 1);
    const line = doc.lineAt(position.line).text;
    const value = /Sev:\s*([A-Za-z]+)/.exec(line)?.[1];
    assert.ok(value, `no severity value on line ${position.line + 1}`);
    const text = await waitFor(
      'a hover on Sev:',
      () => hoverAt(doc, position).then(hoverText),
      (t) => /sev(erity)?/i.test(t),
    );
    assert.match(text, /\*\*[^*]*Severity[^*]*\*\*/i, 'the hover title should be a bold "Severity"');
    assert.ok(text.includes(value), `the hover should name the value ${value}: ${text}`);
  });

  test('a JSON key (username) of a session payload is explained', async () => {
    const doc = await openSample('gateway.log', 'bluecedar-log');
    const position = positionOf(doc, '"username"', 2);
    const text = await waitFor(
      'a hover on "username"',
      () => hoverAt(doc, position).then(hoverText),
      (t) => /username/i.test(t),
    );
    assert.match(text, /\*\*[^*]*username[^*]*\*\*/i, 'the hover title should name username in bold');
  });

  test('an OAG structured-data key (SESSION_ID) is explained', async () => {
    const doc = await openSample('audit.log', 'oag-log');
    const position = positionOf(doc, 'SESSION_ID=', 2);
    const text = await waitFor(
      'a hover on SESSION_ID',
      () => hoverAt(doc, position).then(hoverText),
      (t) => /session[ _]id/i.test(t),
    );
    assert.match(text, /\*\*[^*]*Session[ _]ID[^*]*\*\*/i, 'the hover title should name the session id in bold');
  });
});
