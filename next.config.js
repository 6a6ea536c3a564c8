/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The offline stack is reached on 127.0.0.1; allow it as a dev origin.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  serverExternalPackages: ["postgres"],
};

export default nextConfig;
