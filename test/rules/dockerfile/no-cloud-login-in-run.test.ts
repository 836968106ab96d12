import rule from '../../../src/lint/rules/dockerfile/no-cloud-login-in-run.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM amazon/aws-cli:2.17.0\nRUN aws configure set region eu-west-1\n',
    {
      name: 'secret mount and the stored credential removed in the same RUN',
      code: 'FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws-key-id --mount=type=secret,id=aws-secret-key \\\n    aws configure set aws_access_key_id "$(cat /run/secrets/aws-key-id)" \\\n && aws configure set aws_secret_access_key "$(cat /run/secrets/aws-secret-key)" \\\n && aws s3 cp s3://bucket/model.bin /models/ \\\n && rm -rf /root/.aws\n',
    },
    {
      name: 'other gcloud auth commands',
      code: 'FROM google/cloud-sdk:480.0.0\nRUN gcloud auth configure-docker europe-docker.pkg.dev\n',
    },
    {
      name: 'an interactive docker login is not a stored password',
      code: 'FROM docker:27\nRUN docker logout\n',
    },
    { name: 'the words as data', code: 'FROM debian:12\nRUN echo az login\n' },
  ],
  invalid: [
    {
      code: 'FROM amazon/aws-cli:2.17.0\nRUN aws configure set aws_access_key_id test-id &&     aws configure set aws_secret_access_key test-key\n',
      errors: [
        {
          line: 2,
          column: 5,
          severity: 'error',
          messageId: 'loginInRun',
          message: '`aws configure set aws_access_key_id`',
          aliases: ['DS-0031'],
        },
        { line: 2, column: 56, severity: 'error', messageId: 'loginInRun', message: 'aws_secret_access_key' },
      ],
    },
    {
      name: 'a secret mount alone still leaves the credentials file in the layer',
      code: 'FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws-key-id,env=AWS_ACCESS_KEY_ID \\\n    aws configure set aws_access_key_id "$AWS_ACCESS_KEY_ID"\n',
      errors: [{ line: 3, column: 5, severity: 'warning', messageId: 'secretWritten', message: '`~/.aws`' }],
    },
    {
      name: 'gcloud, az, docker login -p; continuation; sudo; builder stage too',
      code: 'FROM google/cloud-sdk:480.0.0 AS build\nRUN gcloud auth activate-service-account --key-file=/tmp/key.json \\\n && sudo az login --service-principal -u "$APP_ID" -p "$PASSWORD" --tenant "$TENANT" \\\n && docker login -u ci -p "$TOKEN" registry.example.com\nFROM debian:12\n',
      errors: [
        { line: 2, column: 5, message: 'gcloud auth activate-service-account' },
        { line: 3, column: 10, message: '`az login`' },
        { line: 4, column: 5, message: '`docker login` with a password' },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'FROM docker:27\nONBUILD RUN echo "$TOKEN" | docker login --password-stdin -u ci registry.example.com\n',
      errors: [{ line: 2, column: 29 }],
    },
  ],
});
