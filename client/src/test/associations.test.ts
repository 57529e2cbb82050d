import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, isCoveredByAssociations } from '../associations';

test('patterns without a separator apply to the file name', () => {
    assert.ok(isCoveredByAssociations('/var/log/gw/gateway.log', { '*.log': 'log' }));
    assert.ok(isCoveredByAssociations('/var/log/gw/gateway.log', { 'gateway.log': 'plaintext' }));
    assert.ok(isCoveredByAssociations('/var/log/gw/GATEWAY.LOG', { '*.log': 'log' }));
    assert.ok(!isCoveredByAssociations('/var/log/gw/gateway.log', { '*.txt': 'plaintext' }));
    assert.ok(!isCoveredByAssociations('/var/log/gw/gateway.log', { 'log': 'plaintext' }));
});

test('patterns with a separator apply to the whole path', () => {
    assert.ok(isCoveredByAssociations('/var/log/gw/gateway.log', { '**/gw/*.log': 'log' }));
    assert.ok(isCoveredByAssociations('/var/log/gw/gateway.log', { '/var/log/**': 'log' }));
    assert.ok(!isCoveredByAssociations('/var/log/gw/gateway.log', { '/srv/**/*.log': 'log' }));
    assert.ok(isCoveredByAssociations('C:\\logs\\gw\\audit.log', { '**/gw/*.log': 'log' }));
    assert.ok(isCoveredByAssociations('/var/log/audit.log', { '**/audit.log': 'log' }));
});

test('braces, ? and character classes', () => {
    assert.ok(isCoveredByAssociations('/x/audit.txt', { '*.{log,txt}': 'plaintext' }));
    assert.ok(isCoveredByAssociations('/x/audit1.log', { 'audit?.log': 'plaintext' }));
    assert.ok(isCoveredByAssociations('/x/audit1.log', { 'audit[0-9].log': 'plaintext' }));
    assert.ok(!isCoveredByAssociations('/x/auditA.log', { 'audit[0-9].log': 'plaintext' }));
    assert.ok(isCoveredByAssociations('/x/auditA.log', { 'audit[!0-9].log': 'plaintext' }));
    assert.ok(globToRegExp('a.b').test('a.b'));
    assert.ok(!globToRegExp('a.b').test('aXb'));
});

test('no associations, empty patterns and non-string values are ignored', () => {
    assert.ok(!isCoveredByAssociations('/x/a.log', undefined));
    assert.ok(!isCoveredByAssociations('/x/a.log', {}));
    assert.ok(!isCoveredByAssociations('/x/a.log', { '': 'log' }));
    assert.ok(!isCoveredByAssociations('/x/a.log', { '*.log': null }));
});
