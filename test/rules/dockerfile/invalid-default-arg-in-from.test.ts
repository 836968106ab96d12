import rule from '../../../src/lint/rules/dockerfile/invalid-default-arg-in-from.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM busybox:1.36\n',
    { name: 'a default for the ARG', code: 'ARG TAG=latest\nFROM busybox:${TAG}\n' },
    { name: 'an ARG that may be empty', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\n' },
    { name: 'a default in the reference', code: 'ARG TAG\nFROM alpine:${TAG:-3.14}\n' },
    {
      name: 'an ARG set to empty is set: ${X-word} keeps it empty',
      code: 'ARG SUFFIX=""\nFROM alpine:3.20${SUFFIX-:broken}\n',
    },
    { name: '${X+word} of an ARG set to empty', code: 'ARG SLIM=""\nFROM debian:12${SLIM+-slim}\n' },
    {
      name: 'defaults built from other defaults',
      code: 'ARG REGISTRY=ghcr.io/acme\nARG IMAGE=$REGISTRY/app\nFROM ${IMAGE}:1.0\n',
    },
    { name: 'platform ARGs', code: 'FROM build_${TARGETARCH} AS build\n' },
    {
      name: 'quotes around a variable are removed by the builder (jenkins, openresty)',
      code: 'ARG V=ltsc2022\nARG BASE=mcr.microsoft.com/windows/nanoserver\nFROM mcr.microsoft.com/windows/servercore:"${V}" AS a\nFROM "${BASE}:${V}"\n',
    },
    {
      name: 'a digest from an ARG',
      code: 'ARG DIGEST=sha256:7df6db5aa61ae9480f52f0b3a06a140ab98d427f86d8d5de0bedab9b8df6b1c0\nFROM alpine@$DIGEST\n',
    },
    { name: 'registry with a port', code: 'ARG REG=localhost:5000\nFROM $REG/team/app:1\n' },
  ],
  invalid: [
    {
      code: 'ARG TAG\nFROM busybox:${TAG}\n',
      errors: [
        {
          line: 2,
          column: 6,
          message: 'becomes `busybox:`, which has an empty tag: give `TAG` a default value',
          aliases: ['InvalidDefaultArgInFrom'],
        },
      ],
    },
    {
      name: 'the whole image from an ARG without default',
      code: 'ARG BASE_IMAGE\nFROM $BASE_IMAGE AS base\n',
      errors: [{ line: 2, message: 'becomes ` `, which is empty' }],
    },
    {
      name: 'an undeclared variable is empty too',
      code: 'FROM ${UPSTREAM_IMAGE}@${UPSTREAM_DIGEST}\n',
      errors: [{ line: 1, message: '`UPSTREAM_IMAGE`, `UPSTREAM_DIGEST`' }],
    },
    {
      name: 'upper case from a default',
      code: 'ARG IMAGE=Acme/App\nFROM ${IMAGE}:1\n',
      errors: [{ line: 2, message: 'upper-case' }],
    },
    {
      name: '${X:-word} also takes the word when X is empty',
      code: 'ARG SUFFIX=""\nFROM alpine:3.20${SUFFIX:-:broken}\n',
      errors: [{ line: 2, message: 'becomes `alpine:3.20:broken`' }],
    },
    {
      name: '${X-word} of an ARG with no default, which is unset',
      code: 'ARG SUFFIX\nFROM alpine:3.20${SUFFIX-:broken}\n',
      errors: [{ line: 2, message: 'becomes `alpine:3.20:broken`' }],
    },
    {
      name: 'in a later stage',
      code: 'ARG VERSION\nFROM golang:1.22 AS build\nFROM docker.elastic.co/elasticsearch/elasticsearch:${VERSION}\n',
      errors: [{ line: 3, column: 6 }],
    },
  ],
});
