import rule from '../../../src/lint/rules/dockerfile/unverified-download.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'ADD with --checksum; ADD of a git repository (pinned by its ref); local ADD',
      code: 'FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /tmp/\nADD https://github.com/acme/app.git#v1.2.0 /src\nADD app.tar.gz /opt/\n',
    },
    {
      name: 'a download checked with sha256sum -c in the same RUN',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/tool.tar.gz https://example.com/tool-1.2.tar.gz \\\n && echo "abc123  /tmp/tool.tar.gz" | sha256sum -c - \\\n && tar -xzf /tmp/tool.tar.gz -C /usr/local\n',
    },
    {
      name: 'a signature checked with gpg --verify',
      code: 'FROM debian:12\nRUN wget -q https://example.com/tool.deb https://example.com/tool.deb.asc && gpg --verify tool.deb.asc tool.deb && dpkg -i tool.deb\n',
    },
    {
      name: 'a page or an API response is not an artifact; sh -c runs its argument',
      code: 'FROM debian:12\nRUN curl -fsS https://example.com/health && curl -fsSL https://api.example.com/v1/x -o /tmp/x.json\nRUN curl -fsS https://example.com/x | sh -c "cat > /tmp/x"\nRUN V=$(curl -sL https://example.com/index.tar.gz | tar -xzO VERSION) && echo "$V"\n',
    },
    {
      name: 'a hash computed in a test and compared with a known one (sha512sum, openssl)',
      code: 'FROM debian:12\nRUN wget -O /tmp/x.pl https://example.com/x.pl && if [ "$(openssl sha512 -r < /tmp/x.pl)" = "$SUM" ]; then chmod +x /tmp/x.pl; else exit 1; fi\nRUN curl -fsSLo /tmp/t.tgz https://example.com/t.tgz && [ "$(sha256sum /tmp/t.tgz | cut -d" " -f1)" = "$T_SHA" ] && tar xzf /tmp/t.tgz\n',
    },
    {
      name: 'a saved file that is only read, or made readable; a checked binary; an API from an ARG',
      code: 'FROM debian:12\nARG API=https://api.example.com/v1\nRUN curl -fsSL -o /etc/apt/keyrings/x.asc https://example.com/key && chmod a+r /etc/apt/keyrings/x.asc\nRUN curl -fsSL https://example.com/config -o /etc/app/config.yml && cat /etc/app/config.yml\nRUN curl -fsSLo /usr/local/bin/tool https://example.com/tool && echo "abc  /usr/local/bin/tool" | sha256sum -c - && chmod +x /usr/local/bin/tool\nRUN curl -fsS "$API/health" > /tmp/health && sh -n /tmp/ok\nRUN curl -fsSL https://example.com/reqs -o /tmp/reqs && pip install -r /tmp/reqs\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nADD https://example.com/app.tar.gz /opt/\n',
      errors: [
        {
          line: 2,
          column: 5,
          messageId: 'addWithoutChecksum',
          message: '`ADD https://example.com/app.tar.gz`',
          aliases: [],
        },
      ],
    },
    {
      name: 'curl | sh, wget -O- | bash',
      code: 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\nRUN wget -qO- https://example.com/install.sh | bash -s -- --yes\n',
      errors: [
        { line: 2, column: 5, messageId: 'pipedToShell', message: '`curl … | sh`' },
        { line: 3, column: 5, messageId: 'pipedToShell', message: '`wget … | bash`' },
      ],
    },
    {
      name: 'a .deb fetched and installed, a binary fetched and run',
      code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/tool_1.2_amd64.deb && dpkg -i tool_1.2_amd64.deb\nRUN wget -q https://example.com/releases/tool-linux-amd64.tar.gz && tar xzf tool-linux-amd64.tar.gz -C /usr/local/bin\n',
      errors: [
        { line: 2, column: 17, messageId: 'unverifiedArtifact' },
        { line: 3, column: 13 },
      ],
    },
    {
      name: 'a file with no telling extension that is made executable, installed or run after a move',
      code: 'FROM debian:12\nRUN curl -fsSL -o /usr/local/bin/kubectl https://dl.k8s.io/release/v1.29.2/bin/linux/amd64/kubectl && chmod +x /usr/local/bin/kubectl\nRUN wget -q https://example.com/dl/tool -O /tmp/tool && install -m 0755 /tmp/tool /usr/local/bin/tool\nRUN curl -fsSLO https://example.com/dl/tool && mv tool /usr/local/bin/ && chmod 755 /usr/local/bin/tool\nRUN curl -fsSL https://example.com/dl/setup > setup && sh ./setup\n',
      errors: [
        {
          line: 2,
          column: 42,
          messageId: 'unverifiedArtifact',
          message: '`https://dl.k8s.io/release/v1.29.2/bin/linux/amd64/kubectl`',
        },
        { line: 3, messageId: 'unverifiedArtifact' },
        { line: 4, messageId: 'unverifiedArtifact' },
        { line: 5, messageId: 'unverifiedArtifact' },
      ],
    },
    {
      name: 'a URL held in an ARG or ENV is read through its value',
      code: 'FROM debian:12\nARG TOOL_URL=https://example.com/tool-1.2.zip\nRUN curl -fsSL "$TOOL_URL" -o /tmp/t.zip && unzip /tmp/t.zip -d /opt\n',
      errors: [{ line: 3, column: 16, message: '`https://example.com/tool-1.2.zip` is downloaded' }],
    },
    {
      name: 'info when the version is pinned and the transport is TLS',
      code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/tool-1.2.tar.gz && tar xzf tool-1.2.tar.gz\nRUN V=$(cat /VERSION) && curl -fsSLO https://example.com/tool-$V.tar.gz && tar xzf tool-$V.tar.gz\nRUN curl -fsSLO http://localhost:8080/tool.tar.gz && tar xzf tool.tar.gz\n',
      errors: [
        { line: 2, severity: 'info' },
        { line: 3, severity: 'info' },
        { line: 4, severity: 'info' },
      ],
    },
    {
      name: 'warning over plain http: anyone on the path can swap the file',
      code: 'FROM debian:12\nRUN curl -Lf http://downloads.example.net/lame-3.100.tar.gz | tar -zx -C /tmp/lame\nADD http://example.com/app.tar.gz /opt/\nRUN curl -fsSL http://get.example.com/install.sh | sh\n',
      errors: [
        { line: 2, severity: 'warning', message: 'comes over plain `http://`' },
        { line: 3, severity: 'warning', message: 'over plain `http://`' },
        { line: 4, severity: 'warning', message: 'over plain `http://`' },
      ],
    },
    {
      name: 'warning for a version the same RUN looks up on the network, or the latest release',
      code: 'FROM debian:12\nRUN V=$(wget -q -O - https://api.github.com/repos/acme/plugins/tags | grep -m 1 name | cut -d \'"\' -f4) && \\\n    wget -q https://github.com/acme/plugins/archive/refs/tags/$V.tar.gz && tar -xf $V.tar.gz\nRUN TAG=`curl -s https://api.github.com/repos/acme/x/releases/latest | jq -r .tag_name` && curl -fsSLO "https://github.com/acme/x/releases/download/${TAG}/x.tar.gz"\nRUN curl -fsSLO https://github.com/acme/y/releases/latest/download/y-linux-amd64.tar.gz\n',
      errors: [
        {
          line: 3,
          severity: 'warning',
          message: 'takes its version from a network query in this RUN (`V=$(…)`)',
        },
        { line: 4, severity: 'warning', message: 'pin the version and' },
        { line: 5, severity: 'warning', message: 'follows the latest release' },
      ],
    },
  ],
});
