import rule from '../../../src/lint/rules/dockerfile/valid-stopsignal.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nSTOPSIGNAL SIGQUIT\n',
    { name: 'without SIG, any case', code: 'FROM alpine\nSTOPSIGNAL term\n' },
    { name: 'a number', code: 'FROM alpine\nSTOPSIGNAL 9\n' },
    { name: 'systemd’s realtime signal', code: 'FROM fedora:40\nSTOPSIGNAL SIGRTMIN+3\n' },
    { name: 'RTMAX minus', code: 'FROM alpine\nSTOPSIGNAL RTMAX-1\n' },
    { name: 'quoted', code: 'FROM alpine\nSTOPSIGNAL "SIGINT"\n' },
    { name: 'a variable', code: 'FROM alpine\nARG SIGNAL=SIGTERM\nSTOPSIGNAL $SIGNAL\n' },
    {
      name: 'Windows',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSTOPSIGNAL CTRL_SHUTDOWN\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine\nSTOPSIGNAL SIGTERMM\n',
      errors: [{ line: 2, column: 12, message: 'did you mean `SIGTERM`?', aliases: ['DFU:INVALID_SIGNAL'] }],
    },
    {
      name: 'unknown name',
      code: 'FROM alpine\nSTOPSIGNAL SIGSHUTDOWN\n',
      errors: [{ line: 2, message: 'not a signal name' }],
    },
    {
      name: 'numbers out of range',
      code: 'FROM alpine AS a\nSTOPSIGNAL 0\nFROM alpine\nSTOPSIGNAL 65\n',
      errors: [
        { line: 2, message: 'not 0' },
        { line: 4, message: 'not 65' },
      ],
    },
    { name: 'past RTMIN+15', code: 'FROM alpine\nSTOPSIGNAL SIGRTMIN+16\n', errors: [{ line: 2 }] },
    {
      name: 'two words',
      code: 'FROM alpine\nSTOPSIGNAL SIGTERM SIGKILL\n',
      errors: [{ line: 2, column: 12, message: 'exactly one signal' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine\nONBUILD STOPSIGNAL SIGSTOPP\n',
      errors: [{ line: 2, column: 20 }],
    },
  ],
});
